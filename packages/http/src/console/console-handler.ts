// The console's front door: sign-in and sign-out, the session cookie, the CSRF check of every form,
// and dispatch to the org's pages and actions. Rejections show on the page the form was on.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseAsOfParam } from '../as-of.js';
import type { Door } from '../door.js';
import { HttpError, toHttpError } from '../errors.js';
import { redirect, sendHtml } from '../http-io.js';
import type { Tokens } from '../tokens.js';
import { refusalOf, type ConsoleCall, type ConsoleRoute, type FormError, type PageRenderer } from './console-call.js';
import { readForm, type Form } from './forms.js';
import { html, page, seg } from './html.js';
import { csrfMatches, type Session, type Sessions } from './sessions.js';
import { signInPage } from './sign-in-page.js';

/** What the console needs from the handler. */
export interface ConsoleContext {
  readonly door: Door;
  readonly tokens: Tokens;
  readonly sessions: Sessions;
  readonly log: (line: string) => void;
}

// Only a path of the console: never an open redirect.
const safeNext = (next: string | null | undefined): string => (next && /^\/console(\/|\?|$)/.test(next) && !next.includes('//') ? next : '/console');


const withNotice = (location: string, notice: string | undefined): string =>
  notice ? `${location}${location.includes('?') ? '&' : '?'}notice=${encodeURIComponent(notice)}` : location;

const orgList = (session: Session) =>
  page(
    { title: 'Organizations', signedInAs: session.principal.actor, csrf: session.csrf },
    html`<h1>Your organizations</h1><ul>${session.principal.orgs.map((org) => html`<li><a href="/console/orgs/${seg(org)}">${org}</a></li>`)}</ul>`,
  );

/** Answers a request under /console. */
export const handleConsole = async (context: ConsoleContext, routes: readonly ConsoleRoute[], request: IncomingMessage, response: ServerResponse): Promise<void> => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const method = request.method ?? 'GET';
  const failPage = (status: number, message: string, session?: Session) =>
    sendHtml(response, status, page({ title: 'Error', ...(session ? { signedInAs: session.principal.actor, csrf: session.csrf } : {}), error: { message, field: null } }, html`<p><a href="/console">Back to the console</a></p>`));
  try {
    if (url.pathname === '/console/sign-in') {
      if (method === 'GET') return sendHtml(response, 200, signInPage(safeNext(url.searchParams.get('next')), false));
      if (method !== 'POST') throw new HttpError(405, 'MethodNotAllowed', `${method} is not allowed here`);
      const form = await readForm(request);
      const next = safeNext(form.get('next'));
      const principal = context.tokens.principalOf(form.get('token'));
      if (!principal) return sendHtml(response, 401, signInPage(next, true));
      const secure = (request.socket as { encrypted?: boolean }).encrypted === true;
      return redirect(response, next, { 'set-cookie': context.sessions.start(principal, secure) });
    }
    const session = context.sessions.of(request);
    if (!session) {
      if (method === 'GET') return sendHtml(response, 401, signInPage(safeNext(url.pathname + url.search), false));
      return sendHtml(response, 401, signInPage('/console', true));
    }
    const form = method === 'POST' ? await readForm(request) : undefined;
    if (form && !csrfMatches(session, form.get('csrf'))) return failPage(403, 'this form is stale or not from this console (CSRF check); reload the page and send it again', session);
    if (url.pathname === '/console/sign-out' && form) return redirect(response, '/console/sign-in', { 'set-cookie': context.sessions.end(request) });
    if (url.pathname === '/console' || url.pathname === '/console/') {
      const [only] = session.principal.orgs;
      if (session.principal.orgs.length === 1 && only !== undefined) return redirect(response, `/console/orgs/${seg(only)}`);
      return sendHtml(response, 200, orgList(session));
    }
    const route = routes.find((r) => r.method === method && r.path.test(url.pathname));
    if (!route) return failPage(routes.some((r) => r.path.test(url.pathname)) ? 405 : 404, `nothing at ${url.pathname}`, session);
    const [orgId, ...params] = route.path.exec(url.pathname)!.slice(1).map((p) => decodeURIComponent(p));
    if (orgId === undefined || !session.principal.orgs.includes(orgId)) return failPage(403, `${session.principal.actor.id} may not see organization ${orgId}`, session);
    const asOfText = url.searchParams.get('asOf')?.trim() || undefined;
    const call: ConsoleCall = { request, response, url, door: context.door, session, orgId, params, asOf: undefined, asOfText };
    const render = async (renderer: PageRenderer, status: number, error?: FormError, sent?: Form) => {
      const { title, body, refused } = await renderer(call, error, sent);
      const notice = url.searchParams.get('notice') ?? undefined;
      const shown = error ?? refused?.error;
      sendHtml(response, refused?.status ?? status, page({ title, signedInAs: session.principal.actor, orgId, csrf: session.csrf, ...(shown ? { error: shown } : {}), ...(notice && !shown ? { notice } : {}) }, body));
    };
    if (route.method === 'GET') {
      try {
        Object.assign(call, { asOf: parseAsOfParam(asOfText) });
      } catch (error) {
        Object.assign(call, { asOf: undefined, asOfText: undefined });
        return await render(route.render, 400, refusalOf(error)!.error);
      }
      return await render(route.render, 200);
    }
    try {
      const outcome = await route.act(call, form!);
      if ('redirect' in outcome) return redirect(response, withNotice(outcome.redirect, outcome.notice));
      sendHtml(response, outcome.status ?? 200, page({ title: outcome.title, signedInAs: session.principal.actor, orgId, csrf: session.csrf }, outcome.body));
    } catch (error) {
      const shown = refusalOf(error);
      if (!shown) throw error;
      await render(route.onError, shown.status, shown.error, form);
    }
  } catch (error) {
    const { status, body } = toHttpError(error);
    if (status >= 500) context.log(`${method} ${url.pathname} → ${status} ${body.error}${error instanceof Error && status === 500 ? ` (${error.name})` : ''}`);
    if (!response.headersSent) failPage(status, body.message);
    else response.end();
  }
};
