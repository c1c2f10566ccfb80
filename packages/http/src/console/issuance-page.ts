// The issuance log: every hand-out of credentials (withheld attempts with their reason), filtered
// like `providers audit --issued`, and for admins the prune form of its retention.
import type { IssuanceRow } from '@providers/sdk';
import { ISSUANCE_FILTERS, issuanceQueryOf } from '../issuance-query.js';
import { isAdmin, refusalOf, type PageRefusal, type PageRenderer } from './console-call.js';
import { orgPath } from './components.js';
import { csrfField, html, type Html } from './html.js';

const LABELS: Record<keyof typeof ISSUANCE_FILTERS, string> = {
  provider: 'Provider', accountId: 'Account', app: 'App', service: 'Service', stage: 'Stage', actor: 'Requested by', since: 'Since (ISO time)', until: 'Until (ISO time or date)',
};

const providerText = (r: IssuanceRow): string =>
  r.providerName === null ? '—' : r.providerNameNow !== null && r.providerNameNow !== r.providerName ? `${r.providerName} (now ${r.providerNameNow})` : r.providerName;

const row = (r: IssuanceRow): Html => html`<tr data-kind="${r.kind}" data-position="${String(r.position)}">
<td><time>${r.occurredAt}</time></td><td>${r.actor ?? '—'}</td><td>${r.client}</td><td>${r.kind}</td>
<td>${[r.request.app, r.request.service, r.request.stage, r.request.region].filter((part) => part !== undefined).join('/')}</td>
<td>${providerText(r)}</td><td><span class="account">${r.accountId ?? '—'}</span></td>
<td>${r.withheld ? html`<span class="withheld">withheld (${r.withheld.check}; allowed <span class="account">${r.withheld.expectedAccountIds.join(', ')}</span>): ${r.withheld.reason}</span>`
    : html`${r.sessionName ?? ''}${r.expiresAt ? html` <span class="muted">until ${r.expiresAt}</span>` : ''}${r.fromCache ? html` <span class="muted">(cached)</span>` : ''}`}</td></tr>`;

const pruneForm = (csrf: string, action: string): Html => html`
<form method="post" action="${action}/prune" id="prune-form"><h2>Prune the issuance log</h2>${csrfField(csrf)}
  <p class="muted">Removes hand-outs older than an age from the log (the org's newest record always stays); the history of changes is never pruned.</p>
  <label for="prune-older-than">Older than (whole days 90d, or hours 36h)</label> <input id="prune-older-than" name="olderThan" size="8" required>
  <button type="submit">Prune</button></form>`;

/** The issuance log page. */
export const issuancePage: PageRenderer = async (call) => {
  const base = `${orgPath(call)}/issuance`;
  let rows: IssuanceRow[] = [];
  let refused: PageRefusal | undefined;
  try {
    rows = await call.door.issuance(call.orgId, issuanceQueryOf(call.url));
  } catch (error) {
    refused = refusalOf(error);
    if (!refused) throw error;
  }
  const withheld = rows.filter((r) => r.kind === 'withheld').length;
  const body = html`<h1>Issuance log of ${call.orgId}</h1>
<p class="muted">Every hand-out of credentials, on record before the credentials were returned; never a secret.</p>
<form method="get" action="${base}" id="issuance-filters"><fieldset><legend>Filters</legend>
  ${Object.entries(LABELS).map(([name, label]) => html`<label for="issued-${name}">${label}</label> <input id="issued-${name}" name="${name}" value="${call.url.searchParams.get(name) ?? ''}" size="14"> `)}
  <button type="submit">Filter</button> <a href="${base}">Clear filters</a></fieldset></form>
<p id="issuance-count">${rows.length} hand-outs${withheld ? `, ${withheld} withheld` : ''}</p>
<table id="issuance"><thead><tr><th>At</th><th>Requested by</th><th>Client</th><th>Kind</th><th>Deployment</th><th>Provider</th><th>Account</th><th>Session, or why withheld</th></tr></thead>
<tbody>${rows.map(row)}</tbody></table>
${isAdmin(call) ? pruneForm(call.session.csrf, base) : ''}`;
  return { title: `Issuance log of ${call.orgId}`, body, ...(refused ? { refused } : {}) };
};
