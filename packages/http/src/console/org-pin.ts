// The org page's account pin: the accounts every deployment of the org may use, and for admins the
// forms that pin and unpin the whole org (the domain refuses anyone else, and a pin a link breaks).
import type { PinView } from '../service-view.js';
import type { ConsoleCall } from './console-call.js';
import { isAdmin } from './console-call.js';
import { orgPath, pinText } from './components.js';
import { csrfField, html, type Html } from './html.js';

const forms = (call: ConsoleCall, pinned: boolean): Html => html`
<form method="post" action="${orgPath(call)}/pins" id="org-pin-form">${csrfField(call.session.csrf)}
  <label for="org-pin-accounts">Account ids (comma-separated)</label> <input id="org-pin-accounts" name="accountIds" size="30" required>
  <label for="org-pin-reason">Reason</label> <input id="org-pin-reason" name="reason" size="30" required>
  <button type="submit">Pin the organization</button></form>
${pinned ? html`<form method="post" action="${orgPath(call)}/unpin" id="org-unpin-form">${csrfField(call.session.csrf)}
  <label for="org-unpin-reason">Reason for removing</label> <input id="org-unpin-reason" name="reason" size="30" required>
  <button type="submit">Remove the organization's pin</button></form>` : ''}`;

/** The section: the org's pin (or none), and the admin's forms on a live page. */
export const orgPinSection = (call: ConsoleCall, pin: PinView | null): Html => html`
<section aria-labelledby="org-pin-heading"><h2 id="org-pin-heading">Account pin of the organization</h2>
  <p data-testid="org-pin">${pin ? pinText(pin) : html`<span class="muted">none: pins of services, stages and instances still apply</span>`}</p>
  ${call.asOfText === undefined && isAdmin(call) ? forms(call, pin !== null) : ''}</section>`;
