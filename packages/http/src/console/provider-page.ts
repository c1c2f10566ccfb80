// One provider: what it is, where it is used, and for admins rename, new credentials, and removal
// with the usages it would release.
import { HttpError } from '../errors.js';
import { providerViewOf, type ProviderView, type UsageView } from '../views.js';
import type { ConsoleCall, PageRenderer } from './console-call.js';
import { isAdmin } from './console-call.js';
import { asOfControl, orgPath, stamp } from './components.js';
import { csrfField, html, seg, type Html } from './html.js';

const usageItem = (u: UsageView): Html =>
  html`<li data-usage>${u.scope === 'org-default' ? 'the org default' : html`${u.scope} ${[u.app, u.service, u.stage, u.region].filter(Boolean).join('/')}`} ${stamp(u.set)}</li>`;

/** The provider of the path, as of the call's point; 404 when there is none. */
export const providerOfCall = async (call: ConsoleCall): Promise<ProviderView> => {
  const found = providerViewOf(await call.door.readModels(call.orgId, call.asOf ?? {}), call.orgId, call.params[0]!);
  if (!found) throw new HttpError(404, 'ProviderNotFound', `no provider "${call.params[0]}" in organization ${call.orgId}`, 'provider');
  return found;
};

const details = (p: ProviderView): Html => html`<dl>
  <dt>Type</dt><dd>${p.type}</dd><dt>Credentials</dt><dd>${p.credentialsKind}</dd>
  <dt>Account</dt><dd><span class="account">${p.accountId ?? '—'}</span></dd>
  ${p.roleArn ? html`<dt>Role ARN</dt><dd>${p.roleArn}</dd><dt>External id</dt><dd>${p.externalId ?? ''}</dd>` : ''}
  ${p.accessKeyId ? html`<dt>Access key id</dt><dd>${p.accessKeyId}</dd><dt>Secret access key</dt><dd class="muted">sealed; never shown</dd>` : ''}
  ${p.secretFieldNames.length ? html`<dt>Secret fields</dt><dd>${p.secretFieldNames.join(', ')} <span class="muted">(values sealed; never shown)</span></dd>` : ''}
  <dt>Added</dt><dd>by ${p.addedBy}, <time>${p.addedAt}</time></dd></dl>`;

const manageForms = (call: ConsoleCall, p: ProviderView): Html => {
  const base = `${orgPath(call)}/providers/${seg(p.id)}`;
  return html`
<form method="post" action="${base}/name" id="rename-form"><h3>Rename</h3>${csrfField(call.session.csrf)}
  <label for="rename-name">New name</label> <input id="rename-name" name="name" value="${p.name}" required> <button type="submit">Rename</button></form>
<form method="post" action="${base}/credentials" id="credentials-form"><h3>Update credentials</h3>${csrfField(call.session.csrf)}
  <input type="hidden" name="kind" value="${p.credentialsKind}">
  ${p.credentialsKind === 'aws-role' ? html`<label for="cred-role-arn">Role ARN</label> <input id="cred-role-arn" name="roleArn" size="48" value="${p.roleArn ?? ''}" required>
  <label for="cred-external-id">External id</label> <input id="cred-external-id" name="externalId" value="${p.externalId ?? ''}">` : ''}
  ${p.credentialsKind === 'aws-keys' ? html`<label for="cred-access-key-id">Access key id</label> <input id="cred-access-key-id" name="accessKeyId" required>
  <label for="cred-secret">Secret access key</label> <input id="cred-secret" name="secretAccessKey" type="password" autocomplete="off" required>
  <label for="cred-account-id">Account id</label> <input id="cred-account-id" name="accountId" value="${p.accountId ?? ''}">` : ''}
  ${p.credentialsKind === 'secret' ? html`<label for="cred-field-name">Secret field name</label> <input id="cred-field-name" name="fieldName" required>
  <label for="cred-field-value">Secret value</label> <input id="cred-field-value" name="fieldValue" type="password" autocomplete="off" required>` : ''}
  <button type="submit">Update credentials</button></form>
<p><a href="${base}/remove" id="remove-link">Remove this provider…</a></p>`;
};

/** The provider page. */
export const providerPage: PageRenderer = async (call) => {
  const p = await providerOfCall(call);
  const body = html`<h1>Provider ${p.name}</h1>
${asOfControl(call, `${orgPath(call)}/providers/${seg(p.id)}`)}
${details(p)}
<h2>Used by</h2>${p.usages.length ? html`<ul>${p.usages.map(usageItem)}</ul>` : html`<p class="muted">not used anywhere</p>`}
${call.asOfText === undefined && isAdmin(call) ? manageForms(call, p) : ''}`;
  return { title: `Provider ${p.name}`, body };
};

/** The removal's confirmation: the usages it would release, each recorded as an event of its own. */
export const removePage: PageRenderer = async (call) => {
  const p = await providerOfCall(call);
  const releases = p.usages.length > 0;
  const body = html`<h1>Remove ${p.name}?</h1>
${releases ? html`<p>Removing it releases these ${p.usages.length} usages (each recorded as an unlink or a cleared default):</p><ul id="released">${p.usages.map(usageItem)}</ul>`
    : html`<p>It is not used anywhere.</p>`}
<form method="post" action="${orgPath(call)}/providers/${seg(p.id)}/remove" id="remove-form">${csrfField(call.session.csrf)}
  ${releases ? html`<input type="hidden" name="force" value="true">` : ''}
  <button type="submit">${releases ? `Remove and release ${p.usages.length} usages` : 'Remove'}</button>
  <a href="${orgPath(call)}/providers/${seg(p.id)}">Cancel</a></form>`;
  return { title: `Remove ${p.name}`, body };
};
