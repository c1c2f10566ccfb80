// HTML with every interpolated value escaped unless it is already Html, and the page's frame.
/** A piece of HTML that is safe to insert as is. */
export class Html {
  constructor(readonly text: string) {}
}

/** Escapes text for element content and quoted attribute values. */
export const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

type Value = string | number | bigint | null | undefined | false | Html | readonly Value[];

const render = (value: Value): string => {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
};

/** Tagged template: escapes every value; arrays are joined; null, undefined and false render nothing. */
export const html = (strings: TemplateStringsArray, ...values: Value[]): Html =>
  new Html(strings.reduce((out, s, i) => out + render(values[i - 1]) + s));

/** A path with its query, each parameter encoded; empty values are left out. */
export const href = (path: string, query: Record<string, string | undefined> = {}): string => {
  const search = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => Boolean(e[1])));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
};

/** A path segment, encoded. */
export const seg = (text: string): string => encodeURIComponent(text);

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1d2433}main{padding:1rem 2rem;max-width:72rem}
header{background:#1d2433;color:#fff;padding:.6rem 2rem;display:flex;gap:1.2rem;align-items:center;flex-wrap:wrap}
header a{color:#fff}header form{margin:0 0 0 auto}table{border-collapse:collapse;width:100%;margin:.5rem 0}
td,th{border-bottom:1px solid #dde;padding:.3rem .5rem;text-align:left;vertical-align:top}
.tree{list-style:none;padding-left:1.2rem;border-left:2px solid #9ab}.tree li{margin:.35rem 0}.muted{color:#566}
.account{font-family:ui-monospace,monospace;background:#eef3f8;padding:0 .25rem}
.alert{border:2px solid #b00020;color:#b00020;padding:.5rem;margin:.5rem 0}.notice{border:2px solid #1b7f3b;padding:.5rem;margin:.5rem 0}
.asof{background:#fff4d6;border:2px solid #b07d00;padding:.5rem;margin:.5rem 0}
fieldset{border:1px solid #ccd;margin:.6rem 0;padding:.4rem .8rem}label{display:inline-block;margin:.2rem .8rem .2rem 0}
input,select,button,textarea{font:inherit}pre{white-space:pre-wrap}:focus-visible{outline:3px solid #1a73e8;outline-offset:2px}`;

/** What every page shows around its content: who is signed in, the org's navigation, the sign-out form. */
export interface Frame {
  readonly title: string;
  readonly signedInAs?: { readonly id: string; readonly role: string };
  readonly orgId?: string;
  readonly csrf?: string;
  readonly notice?: string;
  readonly error?: { readonly message: string; readonly field: string | null };
}

/** A refusal, its field said once in bold: a domain message that starts with its field already says it. */
const refusal = ({ field, message }: { readonly message: string; readonly field: string | null }): Html => {
  const prefix = field ? `${field}: ` : '';
  const rest = prefix && message.startsWith(prefix) ? message.slice(prefix.length) : message;
  return html`<div class="alert" role="alert" id="form-error"><strong>${prefix}</strong>${rest}</div>`;
};

/** The whole page. */
export const page = (frame: Frame, body: Html): string => {
  const org = frame.orgId ? `/console/orgs/${seg(frame.orgId)}` : undefined;
  const nav = org
    ? html`<nav aria-label="Organization"><a href="${org}">Providers</a> · <a href="${org}/audit">Audit trail</a> · <a href="${org}/issuance">Issuance log</a> · <a href="${org}/migration">Migration</a></nav>`
    : '';
  const who = frame.signedInAs
    ? html`<span>Signed in as ${frame.signedInAs.id} (${frame.signedInAs.role})</span>
      <form method="post" action="/console/sign-out"><input type="hidden" name="csrf" value="${frame.csrf ?? ''}"><button>Sign out</button></form>`
    : '';
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${frame.title} · Providers</title><style>${new Html(STYLE)}</style></head>
<body><header><strong><a href="/console">Providers</a></strong>${nav}${who}</header><main>
${frame.error ? refusal(frame.error) : ''}
${frame.notice ? html`<div class="notice" role="status" id="notice">${frame.notice}</div>` : ''}
${body}</main></body></html>`.text;
};

/** The hidden CSRF field every form of a signed-in page carries. */
export const csrfField = (csrf: string): Html => html`<input type="hidden" name="csrf" value="${csrf}">`;
