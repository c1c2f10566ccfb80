// A service: its inheritance by stage and region (who set each scope, when), local-credentials
// links and account pins where they are, what any stage and region resolves to and why, and the
// forms that change it.
import { serviceView, type PlacementView, type ScopeView } from '../service-view.js';
import { providerViews, resolutionView } from '../views.js';
import type { ConsoleCall, FormError, PageRenderer } from './console-call.js';
import { isAdmin } from './console-call.js';
import { asOfControl, orgPath, pinText, slot, stamp } from './components.js';
import { html, seg, type Html } from './html.js';
import { confirmReplace, linkForms, pinForms, type ReplaceConfirmation } from './service-forms.js';

export type { ReplaceConfirmation } from './service-forms.js';

type ResolutionShown = ReturnType<typeof resolutionView>;

const held = (s: ScopeView, none: string): Html =>
  s.local ? html`<b>local credentials</b> <span class="muted">(on purpose)</span> ${stamp(s.set)}` : html`${slot(s.provider, none)} ${stamp(s.set)}`;

const allowedText = (allowed: readonly string[] | null, check: string): Html =>
  allowed === null ? html`` : html` · allowed accounts <span class="account">${allowed.length ? allowed.join(', ') : 'none'}</span>, account check <b>${check}</b>`;

const placementItem = (p: PlacementView): Html => html`<li data-testid="placement" data-scope="${p.region ? `${p.stage}/${p.region}` : p.stage}">
  ${p.region ? `Instance ${p.stage} / ${p.region}` : `Stage ${p.stage} (every region)`}: ${held(p, 'inherits')}${pinText(p.pin)}
  — <span class="muted">resolves from ${p.source}</span>${allowedText(p.allowedAccountIds, p.accountCheck)}</li>`;

const answerText = (r: ResolutionShown): Html =>
  r.local ? html`<b>local credentials</b>, on purpose` : slot(r.provider, 'nothing: local credentials');

const chainTables = (r: ResolutionShown, names: ReadonlyMap<string, string>): Html => html`
<table id="chain"><thead><tr><th>Scope</th><th>Key</th><th>Holds</th><th>Set by</th></tr></thead><tbody>
${r.chain.map((c) => html`<tr${c.scope === r.source ? html` aria-current="true"` : ''}><td>${c.scope === r.source ? '→ ' : ''}${c.scope}</td><td>${c.key}</td>
<td>${c.local ? 'local credentials' : c.providerId === null ? '—' : (names.get(c.providerId) ?? c.providerId)}</td><td>${stamp(c.setBy)}</td></tr>`)}
</tbody></table>
${r.pins.length ? html`<table id="pins"><caption>Account pins on the chain</caption><thead><tr><th>Scope</th><th>Key</th><th>Accounts</th><th>Reason</th><th>Set by</th></tr></thead><tbody>
${r.pins.map((p) => html`<tr><td>${p.scope}</td><td>${p.key}</td><td><span class="account">${p.accountIds.join(', ')}</span></td><td>${p.reason}</td><td>${stamp(p.setBy)}</td></tr>`)}</tbody></table>
<p id="account-check" data-check="${r.accountCheck}">Allowed accounts: <span class="account">${(r.allowedAccountIds ?? []).join(', ') || 'none'}</span>; account check: <b>${r.accountCheck}</b></p>` : html`<p class="muted" id="account-check" data-check="unpinned">No account pin on this chain.</p>`}`;

const probe = (call: ConsoleCall, stage: string | undefined, region: string | undefined, r: ResolutionShown | undefined, names: ReadonlyMap<string, string>): Html => html`
<form method="get" action="" id="resolve-form"><h2>What does a deployment use?</h2>
  ${call.asOfText ? html`<input type="hidden" name="asOf" value="${call.asOfText}">` : ''}
  <label for="probe-stage">Stage</label> <input id="probe-stage" name="stage" value="${stage ?? ''}" required>
  <label for="probe-region">Region (optional)</label> <input id="probe-region" name="region" value="${region ?? ''}">
  <button type="submit">Resolve</button></form>
${r ? html`<p id="resolution" data-source="${r.source}">${stage}${region ? ` / ${region}` : ''} uses ${answerText(r)} — from <b>${r.source}</b></p>${chainTables(r, names)}` : ''}`;

/** The service page, with a replace confirmation when a link asked for one. */
export const servicePageWith = async (call: ConsoleCall, _error?: FormError, confirm?: ReplaceConfirmation) => {
  const [app, service] = call.params as [string, string];
  const type = call.url.searchParams.get('type') || 'aws';
  const models = await call.door.readModels(call.orgId, call.asOf ?? {});
  const view = serviceView(models, call.orgId, app, service, type);
  const providers = providerViews(models, call.orgId);
  const action = `${orgPath(call)}/services/${seg(app)}/${seg(service)}`;
  const stage = call.url.searchParams.get('stage')?.trim() || undefined;
  const region = call.url.searchParams.get('region')?.trim() || undefined;
  const resolution = stage ? resolutionView(models.index.resolve({ orgId: call.orgId, app, service, stage, type, ...(region ? { region } : {}) })) : undefined;
  const live = call.asOfText === undefined;
  const body = html`<h1>Inheritance of ${app}/${service}</h1>
${asOfControl(call, action, type === 'aws' ? {} : { type })}
${confirm ? confirmReplace(call, action, confirm) : ''}
<ul class="tree" id="inheritance"><li data-testid="org-default">Org default (${type}): ${held(view.orgDefault, 'none: local credentials')}${pinText(view.orgDefault.pin)}
  <ul class="tree"><li data-testid="service-link">Service ${app}/${service}: ${held(view.serviceLink, 'inherits the org default')}${pinText(view.serviceLink.pin)}
    <ul class="tree">${view.placements.length ? view.placements.map(placementItem) : html`<li class="muted">no stage or instance has a link or pin of its own: every stage inherits</li>`}</ul></li></ul></li></ul>
${probe(call, stage, region, resolution, new Map(providers.map((p) => [p.id, p.name])))}
${live ? linkForms(call, action, providers) : ''}
${live && isAdmin(call) ? pinForms(call, action) : ''}`;
  return { title: `${app}/${service}`, body };
};

/** The service page. */
export const servicePage: PageRenderer = (call, error) => servicePageWith(call, error);
