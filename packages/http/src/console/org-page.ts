// The org's page: its providers with their usages, the org default, adding a provider, its services.
import type { ConsoleCall, PageRenderer } from './console-call.js';
import { isAdmin } from './console-call.js';
import { asOfControl, orgPath, slot, stamp } from './components.js';
import { csrfField, href, html, seg, type Html } from './html.js';
import { orgPinOf } from '../service-view.js';
import { providerViews, servicesOf, type ProviderView, type UsageView } from '../views.js';
import { orgPinSection } from './org-pin.js';

const usageText = (u: UsageView): string =>
  u.scope === 'org-default' ? 'org default' : [u.app, u.service, u.stage, u.region].filter(Boolean).join('/');

const providerRow = (call: ConsoleCall, p: ProviderView): Html => html`<tr data-provider="${p.name}">
  <td><a href="${href(`${orgPath(call)}/providers/${seg(p.id)}`, { asOf: call.asOfText })}">${p.name}</a></td><td>${p.type}</td><td>${p.credentialsKind}</td>
  <td><span class="account">${p.accountId ?? '—'}</span></td>
  <td>${p.usages.length ? html`<ul>${p.usages.map((u) => html`<li>${usageText(u)} ${stamp(u.set)}</li>`)}</ul>` : html`<span class="muted">not used</span>`}</td></tr>`;

/** The add-provider form: an access role, static keys, or another vendor's secret field. */
export const addProviderForm = (csrf: string, action: string): Html => html`
<form method="post" action="${action}" id="add-provider">
  <h3>Add a provider</h3>${csrfField(csrf)}
  <p><label for="add-name">Name</label> <input id="add-name" name="name" required>
  <label for="add-type">Type</label> <input id="add-type" name="type" value="aws" required></p>
  <fieldset><legend>Credentials</legend>
  <p><label for="add-kind">Kind</label> <select id="add-kind" name="kind">
    <option value="aws-role">AWS access role</option><option value="aws-keys">AWS static keys</option><option value="secret">Secret field (other vendors)</option></select></p>
  <p><label for="add-role-arn">Role ARN</label> <input id="add-role-arn" name="roleArn" size="48" placeholder="arn:aws:iam::123456789012:role/deploy">
  <label for="add-external-id">External id (optional)</label> <input id="add-external-id" name="externalId"></p>
  <p><label for="add-access-key-id">Access key id</label> <input id="add-access-key-id" name="accessKeyId">
  <label for="add-secret-access-key">Secret access key</label> <input id="add-secret-access-key" name="secretAccessKey" type="password" autocomplete="off">
  <label for="add-account-id">Account id</label> <input id="add-account-id" name="accountId"></p>
  <p><label for="add-field-name">Secret field name</label> <input id="add-field-name" name="fieldName">
  <label for="add-field-value">Secret value</label> <input id="add-field-value" name="fieldValue" type="password" autocomplete="off"></p>
  </fieldset>
  <p><button type="submit">Add provider</button></p>
</form>`;

const defaultForms = (call: ConsoleCall, providers: readonly ProviderView[]): Html => html`
<form method="post" action="${orgPath(call)}/default" id="default-form">${csrfField(call.session.csrf)}
  <label for="default-provider">Make the org default</label>
  <select id="default-provider" name="provider">${providers.map((p) => html`<option value="${p.id}">${p.name} (${p.type})</option>`)}</select>
  <input type="checkbox" id="default-replace" name="replace" value="true"> <label for="default-replace">replacing the default already set</label>
  <button type="submit">Set default</button></form>
<form method="post" action="${orgPath(call)}/default/clear" id="clear-default-form">${csrfField(call.session.csrf)}
  <label for="clear-type">Clear the default of type</label> <input id="clear-type" name="type" value="aws" size="8">
  <button type="submit">Clear default</button></form>`;

/** The org page. */
export const orgPage: PageRenderer = async (call) => {
  const models = await call.door.readModels(call.orgId, call.asOf ?? {});
  const providers = providerViews(models, call.orgId);
  const defaults = providers.filter((p) => p.defaultFor !== null);
  const live = call.asOfText === undefined;
  const body = html`<h1>Providers of ${call.orgId}</h1>
${asOfControl(call, orgPath(call))}
<section aria-labelledby="defaults-heading"><h2 id="defaults-heading">Organization default</h2>
  <p data-testid="org-default">${defaults.length ? defaults.map((p) => html`${p.defaultFor}: ${slot({ providerId: p.id, name: p.name, accountId: p.accountId }, '')} `) : html`<span class="muted">none: services without a link deploy with local credentials</span>`}</p>
  ${live && isAdmin(call) && providers.length ? defaultForms(call, providers) : ''}</section>
${orgPinSection(call, orgPinOf(models, call.orgId))}
<section aria-labelledby="providers-heading"><h2 id="providers-heading">Providers</h2>
<table><thead><tr><th>Name</th><th>Type</th><th>Credentials</th><th>Account</th><th>Used by</th></tr></thead>
<tbody>${providers.length ? providers.map((p) => providerRow(call, p)) : html`<tr><td colspan="5" class="muted">no providers yet</td></tr>`}</tbody></table>
${live && isAdmin(call) ? addProviderForm(call.session.csrf, `${orgPath(call)}/providers`) : ''}</section>
<section aria-labelledby="services-heading"><h2 id="services-heading">Services</h2>
<ul>${servicesOf(models, call.orgId).map((key) => {
    const [app, service] = key.split('/') as [string, string];
    return html`<li><a href="${href(`${orgPath(call)}/services/${seg(app)}/${seg(service)}`, { asOf: call.asOfText })}">${key}</a></li>`;
  })}</ul>
<form method="get" action="${orgPath(call)}/services" id="open-service">
  <label for="open-app">App</label> <input id="open-app" name="app" required>
  <label for="open-service-name">Service</label> <input id="open-service-name" name="service" required>
  ${call.asOfText ? html`<input type="hidden" name="asOf" value="${call.asOfText}">` : ''}
  <button type="submit">Open service</button></form></section>`;
  return { title: `Providers of ${call.orgId}`, body };
};
