// A service: its inheritance by stage and region (who set each scope, when), what any stage and
// region resolves to and why, and the link and unlink forms.
import { providerViews, resolutionView, serviceView, type PlacementView } from '../views.js';
import type { ConsoleCall, FormError, PageRenderer } from './console-call.js';
import { asOfControl, orgPath, slot, stamp } from './components.js';
import { csrfField, html, seg, type Html } from './html.js';

/** A link waiting for "replace": what was asked, and what is linked there now. */
export interface ReplaceConfirmation {
  readonly provider: string;
  readonly stage?: string;
  readonly region?: string;
  readonly linkedName: string;
}

const placementItem = (p: PlacementView): Html => html`<li data-testid="placement" data-scope="${p.region ? `${p.stage}/${p.region}` : p.stage}">
  ${p.region ? `Instance ${p.stage} / ${p.region}` : `Stage ${p.stage} (every region)`}: ${slot(p.linked, '')} ${stamp(p.set)}
  — <span class="muted">resolves from ${p.source}</span></li>`;

const probe = (call: ConsoleCall, stage: string | undefined, region: string | undefined, chain: ReturnType<typeof resolutionView> | undefined): Html => html`
<form method="get" action="" id="resolve-form"><h2>What does a deployment use?</h2>
  ${call.asOfText ? html`<input type="hidden" name="asOf" value="${call.asOfText}">` : ''}
  <label for="probe-stage">Stage</label> <input id="probe-stage" name="stage" value="${stage ?? ''}" required>
  <label for="probe-region">Region (optional)</label> <input id="probe-region" name="region" value="${region ?? ''}">
  <button type="submit">Resolve</button></form>
${chain ? html`<p id="resolution" data-source="${chain.source}">${stage}${region ? ` / ${region}` : ''} uses ${slot(chain.provider, 'nothing: local credentials')} — from <b>${chain.source}</b></p>
<table id="chain"><thead><tr><th>Scope</th><th>Key</th><th>Provider</th><th>Set by</th></tr></thead><tbody>
${chain.chain.map((c) => html`<tr${c.scope === chain.source ? html` aria-current="true"` : ''}><td>${c.scope === chain.source ? '→ ' : ''}${c.scope}</td><td>${c.key}</td><td>${c.providerId ?? '—'}</td><td>${stamp(c.setBy)}</td></tr>`)}
</tbody></table>` : ''}`;

const linkForms = (call: ConsoleCall, action: string, providers: ReadonlyArray<{ id: string; name: string; type: string }>): Html => html`
<form method="post" action="${action}/links" id="link-form"><h2>Link a provider</h2>${csrfField(call.session.csrf)}
  <label for="link-provider">Provider</label> <select id="link-provider" name="provider">${providers.map((p) => html`<option value="${p.id}">${p.name} (${p.type})</option>`)}</select>
  <label for="link-stage">Stage (empty: the service)</label> <input id="link-stage" name="stage">
  <label for="link-region">Region (empty: every region)</label> <input id="link-region" name="region">
  <button type="submit">Link</button></form>
<form method="post" action="${action}/unlink" id="unlink-form"><h2>Unlink</h2>${csrfField(call.session.csrf)}
  <label for="unlink-stage">Stage (empty: the service)</label> <input id="unlink-stage" name="stage">
  <label for="unlink-region">Region</label> <input id="unlink-region" name="region">
  <label for="unlink-type">Type</label> <input id="unlink-type" name="type" value="aws" size="8">
  <button type="submit">Unlink</button></form>`;

const confirmReplace = (call: ConsoleCall, action: string, c: ReplaceConfirmation): Html => html`
<form method="post" action="${action}/links" id="replace-form" class="alert">${csrfField(call.session.csrf)}
  <p>${c.stage ? `${c.stage}${c.region ? ` / ${c.region}` : ''}` : 'The service'} is linked to <b>${c.linkedName}</b>. Replace it? The replacement is recorded.</p>
  <input type="hidden" name="provider" value="${c.provider}"><input type="hidden" name="stage" value="${c.stage ?? ''}">
  <input type="hidden" name="region" value="${c.region ?? ''}"><input type="hidden" name="replace" value="true">
  <button type="submit">Replace</button> <a href="${action}">Keep the current link</a></form>`;

/** The service page, with a replace confirmation when a link asked for one. */
export const servicePageWith = async (call: ConsoleCall, _error?: FormError, confirm?: ReplaceConfirmation) => {
  const [app, service] = call.params as [string, string];
  const type = call.url.searchParams.get('type') || 'aws';
  const models = await call.door.readModels(call.orgId, call.asOf ?? {});
  const view = serviceView(models, call.orgId, app, service, type);
  const action = `${orgPath(call)}/services/${seg(app)}/${seg(service)}`;
  const stage = call.url.searchParams.get('stage')?.trim() || undefined;
  const region = call.url.searchParams.get('region')?.trim() || undefined;
  const resolution = stage ? resolutionView(models.index.resolve({ orgId: call.orgId, app, service, stage, type, ...(region ? { region } : {}) })) : undefined;
  const body = html`<h1>Inheritance of ${app}/${service}</h1>
${asOfControl(call, action, type === 'aws' ? {} : { type })}
${confirm ? confirmReplace(call, action, confirm) : ''}
<ul class="tree" id="inheritance"><li data-testid="org-default">Org default (${type}): ${slot(view.orgDefault.provider, 'none: local credentials')} ${stamp(view.orgDefault.set)}
  <ul class="tree"><li data-testid="service-link">Service ${app}/${service}: ${slot(view.serviceLink.provider, 'inherits the org default')} ${stamp(view.serviceLink.set)}
    <ul class="tree">${view.placements.length ? view.placements.map(placementItem) : html`<li class="muted">no stage or instance has a link of its own: every stage inherits</li>`}</ul></li></ul></li></ul>
${probe(call, stage, region, resolution)}
${call.asOfText === undefined ? linkForms(call, action, providerViews(models, call.orgId)) : ''}`;
  return { title: `${app}/${service}`, body };
};

/** The service page. */
export const servicePage: PageRenderer = (call, error) => servicePageWith(call, error);
