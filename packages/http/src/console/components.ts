// Pieces several pages show: who set something and when, a provider in a slot, the as-of control.
import type { PinView } from '../service-view.js';
import type { SlotView, Stamp } from '../views.js';
import type { ConsoleCall } from './console-call.js';
import { html, type Html } from './html.js';

/** "by alice, 2026-…, position 4". */
export const stamp = (set: Stamp | { actor: string; at: string; position: string } | null | undefined): Html =>
  set
    ? html`<span class="muted">by ${typeof set.actor === 'string' ? set.actor : set.actor.id}, <time datetime="${set.at}">${set.at}</time>, position ${set.position}</span>`
    : html``;

/** A provider with its account, or what holds instead. */
export const slot = (s: SlotView, none: string): Html =>
  s === null ? html`<span class="muted">${none}</span>` : html`<b>${s.name}</b> <span class="account">${s.accountId ?? 'no account'}</span>`;

/** " pinned to 111111111111 (“why”) by alice, …", or nothing. */
export const pinText = (pin: PinView | null): Html =>
  pin ? html` <span class="pin" data-pin>pinned to <span class="account">${pin.accountIds.join(', ')}</span> (“${pin.reason}”) ${stamp(pin.set)}</span>` : html``;

/** The org's base path. */
export const orgPath = (call: ConsoleCall): string => `/console/orgs/${encodeURIComponent(call.orgId)}`;

/** The as-of control of a page, and the banner when the page shows the past (its forms are then hidden). */
export const asOfControl = (call: ConsoleCall, path: string, keep: Record<string, string> = {}): Html => html`
<form method="get" action="${path}" id="as-of" class="${call.asOfText ? 'asof' : ''}">
  ${Object.entries(keep).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
  <label for="as-of-input">As of (an ISO time with a zone, or a position)</label>
  <input id="as-of-input" name="asOf" value="${call.asOfText ?? ''}" placeholder="2026-01-31T12:00:00Z or 42">
  <button type="submit">Show</button>
  ${call.asOfText ? html` <a href="${path}${Object.keys(keep).length ? `?${new URLSearchParams(keep)}` : ''}">Back to now</a>
  <p role="status" id="as-of-banner"><strong>As of ${call.asOfText}</strong>: this is how it was then; nothing here can be changed.</p>` : ''}
</form>`;
