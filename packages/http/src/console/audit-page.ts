// The audit trail with its filters; every fact links to the org, and to its service, as of that position.
import { AUDIT_FILTERS, auditQueryOf } from '../as-of.js';
import type { ReadModels } from '../door.js';
import type { PageRenderer } from './console-call.js';
import { asOfControl, orgPath } from './components.js';
import { href, html, seg } from './html.js';

type AuditQuery = Parameters<ReadModels['audit']['query']>[0];
type Fact = ReturnType<ReadModels['audit']['query']>[number];

const ACTIONS = ['provider-added', 'provider-renamed', 'credentials-updated', 'provider-removed', 'default-set', 'default-cleared', 'linked', 'unlinked', 'local-linked', 'local-unlinked', 'account-pinned', 'account-pin-removed', 'profile-migrated'];
const LABELS: Record<(typeof AUDIT_FILTERS)[number], string> = {
  provider: 'Provider', accountId: 'Account', app: 'App', service: 'Service', stage: 'Stage', region: 'Region', actor: 'Actor', since: 'Since (ISO time)', until: 'Until (ISO time)',
};

/** The audit page. */
export const auditPage: PageRenderer = async (call) => {
  const base = `${orgPath(call)}/audit`;
  const facts: Fact[] = (await call.door.readModels(call.orgId, call.asOf ?? {})).audit.query(auditQueryOf(call.url, call.orgId) as AuditQuery);
  const chosen = new Set(call.url.searchParams.getAll('action'));
  const keep = Object.fromEntries([...call.url.searchParams.entries()].filter(([k]) => k !== 'asOf' && k !== 'notice' && k !== 'action'));
  const row = (f: Fact) => {
    const at = (path: string) => href(path, { asOf: f.position });
    const service = f.scope?.app && f.scope.service ? `${orgPath(call)}/services/${seg(f.scope.app)}/${seg(f.scope.service)}` : undefined;
    return html`<tr data-position="${f.position}"><td>${f.position}</td><td><time>${f.at}</time></td><td>${f.actor.id} (${f.actor.role})</td><td>${f.action}</td>
<td>${f.providerName ?? (f.action === 'local-linked' || f.action === 'local-unlinked' ? 'local credentials' : '—')} <span class="account">${f.accountIds?.join(', ') ?? f.accountId ?? ''}</span>${f.previousName ? html` <span class="muted">(was ${f.previousName})</span>` : ''}</td>
<td>${f.scope?.key ?? ''}</td><td>${f.replacedProviderName ? html`${f.replacedProviderName} <span class="account">${f.replacedAccountId ?? ''}</span>` : ''}${f.reason ?? ''}</td>
<td><a href="${at(orgPath(call))}">org as of ${f.position}</a>${service ? html` · <a href="${at(service)}">service as of ${f.position}</a>` : ''}</td></tr>`;
  };
  const body = html`<h1>Audit trail of ${call.orgId}</h1>
${asOfControl(call, base, keep)}
<form method="get" action="${base}" id="audit-filters"><fieldset><legend>Filters</legend>
  ${AUDIT_FILTERS.map((name) => html`<label for="filter-${name}">${LABELS[name]}</label> <input id="filter-${name}" name="${name}" value="${call.url.searchParams.get(name) ?? ''}" size="14"> `)}
  <label for="filter-action">Actions</label> <select id="filter-action" name="action" multiple size="3">${ACTIONS.map((a) => html`<option value="${a}"${chosen.has(a) ? html` selected` : ''}>${a}</option>`)}</select>
  ${call.asOfText ? html`<input type="hidden" name="asOf" value="${call.asOfText}">` : ''}
  <button type="submit">Filter</button> <a href="${base}">Clear filters</a></fieldset></form>
<p>${facts.length} facts</p>
<table id="audit"><thead><tr><th>Position</th><th>At</th><th>Actor</th><th>Action</th><th>Provider and account</th><th>Scope</th><th>Replaced</th><th>Time travel</th></tr></thead>
<tbody>${facts.map(row)}</tbody></table>`;
  return { title: `Audit trail of ${call.orgId}`, body };
};
