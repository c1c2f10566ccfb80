// The service page's forms: link a provider, use local credentials, unlink (members and admins);
// pin and unpin accounts (admins; the domain refuses anyone else); the replace confirmation.
import type { ConsoleCall } from './console-call.js';
import { csrfField, html, type Html } from './html.js';

/** A link waiting for "replace": what was asked, and what is linked there now. */
export interface ReplaceConfirmation {
  readonly provider: string;
  readonly stage?: string;
  readonly region?: string;
  readonly linkedName: string;
}

/** Where a form writes: empty stage the service, a stage every region of it, a stage and region one instance. */
const scopeFields = (id: string, regionLabel = 'Region (empty: every region)'): Html => html`
  <label for="${id}-stage">Stage (empty: the service)</label> <input id="${id}-stage" name="stage">
  <label for="${id}-region">${regionLabel}</label> <input id="${id}-region" name="region">`;

/** Link a provider, deploy with local credentials, unlink. */
export const linkForms = (call: ConsoleCall, action: string, providers: ReadonlyArray<{ id: string; name: string; type: string }>): Html => html`
<form method="post" action="${action}/links" id="link-form"><h2>Link a provider</h2>${csrfField(call.session.csrf)}
  <label for="link-provider">Provider</label> <select id="link-provider" name="provider">${providers.map((p) => html`<option value="${p.id}">${p.name} (${p.type})</option>`)}</select>
  ${scopeFields('link')}
  <button type="submit">Link</button></form>
<form method="post" action="${action}/local" id="local-form"><h2>Use local credentials</h2>${csrfField(call.session.csrf)}
  <p class="muted">Deployments there use the deployer's own credentials, on purpose: a wider link or the org default does not reach past it.</p>
  ${scopeFields('local')}
  <label for="local-type">Type</label> <input id="local-type" name="type" value="aws" size="8">
  <label><input type="checkbox" id="local-replace" name="replace" value="true"> Replace the provider linked there</label>
  <button type="submit">Use local credentials</button></form>
<form method="post" action="${action}/unlink" id="unlink-form"><h2>Unlink</h2>${csrfField(call.session.csrf)}
  ${scopeFields('unlink', 'Region')}
  <label for="unlink-type">Type</label> <input id="unlink-type" name="type" value="aws" size="8">
  <button type="submit">Unlink</button></form>`;

/** Pin a scope to AWS accounts, and remove a pin: both with a reason for the audit trail. */
export const pinForms = (call: ConsoleCall, action: string): Html => html`
<form method="post" action="${action}/pins" id="pin-form"><h2>Pin AWS accounts</h2>${csrfField(call.session.csrf)}
  <p class="muted">Deployments there may use only these accounts: no link, default or new credentials may point elsewhere.</p>
  ${scopeFields('pin')}
  <label for="pin-accounts">Account ids (comma-separated)</label> <input id="pin-accounts" name="accountIds" size="30" required>
  <label for="pin-reason">Reason</label> <input id="pin-reason" name="reason" size="30" required>
  <button type="submit">Pin</button></form>
<form method="post" action="${action}/unpin" id="unpin-form"><h2>Remove a pin</h2>${csrfField(call.session.csrf)}
  ${scopeFields('unpin', 'Region')}
  <label for="unpin-reason">Reason for removing</label> <input id="unpin-reason" name="reason" size="30" required>
  <button type="submit">Remove pin</button></form>`;

/** The confirmation a link on a linked scope asks for. */
export const confirmReplace = (call: ConsoleCall, action: string, c: ReplaceConfirmation): Html => html`
<form method="post" action="${action}/links" id="replace-form" class="alert">${csrfField(call.session.csrf)}
  <p>${c.stage ? `${c.stage}${c.region ? ` / ${c.region}` : ''}` : 'The service'} is linked to <b>${c.linkedName}</b>. Replace it? The replacement is recorded.</p>
  <input type="hidden" name="provider" value="${c.provider}"><input type="hidden" name="stage" value="${c.stage ?? ''}">
  <input type="hidden" name="region" value="${c.region ?? ''}"><input type="hidden" name="replace" value="true">
  <button type="submit">Replace</button> <a href="${action}">Keep the current link</a></form>`;
