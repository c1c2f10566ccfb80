// The one page: an org's providers and their usages, and a service's inheritance picture with a form to add a link.
import type { Principal } from './auth.js';
import type { PictureResponse, ProviderView, SlotView } from './api.js';

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Tagged template that escapes every interpolated value unless it is already `Html`. */
class Html {
  constructor(readonly text: string) {}
}
const html = (strings: TemplateStringsArray, ...values: ReadonlyArray<string | number | Html | readonly Html[]>): Html =>
  new Html(
    strings.reduce((out, s, i) => {
      const value = values[i - 1];
      const text = Array.isArray(value) ? value.map((v: Html) => v.text).join('') : value instanceof Html ? value.text : escapeHtml(String(value));
      return out + text + s;
    }),
  );

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;margin:2rem;max-width:60rem;color:#1d2433}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #dde;padding:.3rem .5rem;text-align:left;vertical-align:top}
.tree{list-style:none;padding-left:1.2rem;border-left:2px solid #9ab}.tree li{margin:.35rem 0}.muted{color:#667}
.account{font-family:ui-monospace,monospace;background:#eef3f8;padding:0 .25rem}.error{color:#b00020}
form{margin:.6rem 0}input,select,button{font:inherit;margin-right:.4rem}`;

const layout = (title: string, body: Html): string =>
  html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><style>${new Html(STYLE)}</style></head><body>${body}</body></html>`.text;

const slot = (s: SlotView, none: string): Html =>
  s === null ? html`<span class="muted">${none}</span>` : html`<b>${s.name}</b> <span class="account">${s.accountId ?? 'no account'}</span>`;

const usageText = (u: ProviderView['usages'][number]): string =>
  [u.app, u.service, u.stage, u.region].filter((part): part is string => part !== null).join('/');

const providersTable = (providers: readonly ProviderView[]): Html =>
  providers.length === 0
    ? html`<p class="muted" data-testid="no-providers">No providers yet.</p>`
    : html`<table data-testid="providers"><tr><th>Name</th><th>Type</th><th>Account</th><th>Default</th><th>Used by</th></tr>${providers.map(
        (p) =>
          html`<tr data-provider="${p.id}"><td><b>${p.name}</b><br><span class="muted">${p.id}</span></td><td>${p.type}</td><td><span class="account">${p.accountId ?? '—'}</span></td><td>${p.defaultFor ?? ''}</td><td>${
            p.usages.length === 0 && p.defaultFor === null
              ? html`<span class="muted">unused</span>`
              : html`${p.defaultFor !== null ? html`<div>org default (${p.defaultFor})</div>` : html``}${p.usages.map((u) => html`<div>${usageText(u)}</div>`)}`
          }</td></tr>`,
      )}</table>`;

const picture = (p: PictureResponse): Html => html`<h2>Inheritance of ${p.app}/${p.service} (${p.type})</h2>
<ul class="tree" data-testid="picture"><li data-testid="org-default">Org default: ${slot(p.orgDefault, 'none')}
<ul class="tree"><li data-testid="service-link">Service ${p.app}/${p.service}: ${slot(p.serviceLink, 'inherits the org default')}
<ul class="tree">${p.placements.map(
  (pl) => html`<li data-testid="placement" data-scope="${pl.stage}${pl.region ? `/${pl.region}` : ''}">${pl.region ? `Instance ${pl.stage} / ${pl.region}` : `Stage ${pl.stage} (every region)`}: ${slot(pl.linked, '—')}
<span class="muted">→ resolves from ${pl.source}</span></li>`,
)}${p.placements.length === 0 ? html`<li class="muted">No stage or instance has its own link.</li>` : html``}</ul></li></ul></li></ul>`;

const linkForm = (p: PictureResponse, providers: readonly ProviderView[]): Html => html`<h3>Add a link</h3>
<form id="link-form" data-org="${p.orgId}" data-app="${p.app}" data-service="${p.service}">
<select name="providerId" required>${providers.filter((pr) => pr.type === p.type).map((pr) => html`<option value="${pr.id}">${pr.name} (${pr.accountId ?? 'no account'})</option>`)}</select>
<input name="stage" placeholder="stage (empty: the service)"><input name="region" placeholder="region (empty: every region)">
<label><input type="checkbox" name="replace"> replace</label><button type="submit">Link</button></form>
<p id="link-error" class="error" role="alert"></p>
<script>${new Html(LINK_SCRIPT)}</script>`;

// Sends the form as JSON to the same API the tests use; the session cookie authenticates it.
const LINK_SCRIPT = `document.getElementById('link-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target, data = new FormData(form), body = { app: form.dataset.app, service: form.dataset.service, providerId: data.get('providerId') };
  for (const name of ['stage', 'region']) if (data.get(name)) body[name] = data.get(name).trim();
  if (data.get('replace')) body.replace = true;
  const response = await fetch('/api/orgs/' + encodeURIComponent(form.dataset.org) + '/links', {
    method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (response.ok) location.reload();
  else document.getElementById('link-error').textContent = (await response.json()).message;
});`;

/** The org page; with `picture`, the service's inheritance and the link form too. */
export const orgPage = (principal: Principal, providers: readonly ProviderView[], servicePicture: PictureResponse | undefined): string =>
  layout(
    `Providers of ${principal.orgId}`,
    html`<h1>Providers of ${principal.orgId}</h1><p class="muted">Signed in as ${principal.actor.id} (${principal.actor.role})</p>
${providersTable(providers)}
<form method="get"><input name="app" placeholder="app" value="${servicePicture?.app ?? ''}" required><input name="service" placeholder="service" value="${servicePicture?.service ?? ''}" required><button>Show inheritance</button></form>
${servicePicture ? html`${picture(servicePicture)}${linkForm(servicePicture, providers)}` : html``}`,
  );

/** The sign-in form: a token, kept in an HttpOnly cookie. */
export const signInPage = (next: string, failed: boolean): string =>
  layout(
    'Sign in',
    html`<h1>Sign in</h1>${failed ? html`<p class="error">That token is not known.</p>` : html``}
<form method="post" action="/login" id="sign-in"><input type="hidden" name="next" value="${next}"><input name="token" type="password" placeholder="token" required><button>Sign in</button></form>`,
  );
