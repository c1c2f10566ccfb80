// Console sessions: a random id in an HttpOnly, SameSite=Strict cookie stands for a signed-in
// principal (the token itself never leaves the sign-in request), with a CSRF token for its forms.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Principal } from '../tokens.js';

/** The session cookie's name. */
export const SESSION_COOKIE = 'providers_session';

const TTL_MS = 8 * 60 * 60 * 1000;

/** A signed-in browser: who, and the token its forms must carry. */
export interface Session {
  readonly principal: Principal;
  readonly csrf: string;
  readonly expires: number;
  /** A legacy export read by the migration page of an org, waiting for "run it". */
  pendingExport?: { readonly orgId: string; readonly text: string };
}

const digest = (id: string): string => createHash('sha256').update(id).digest('hex');

const cookieOf = (request: IncomingMessage, name: string): string | undefined => {
  for (const pair of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = pair.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
};

/** The sessions of one handler, in memory (a restart signs everyone out). */
export class Sessions {
  private readonly byDigest = new Map<string, Session>();

  /** Starts a session; returns the Set-Cookie value. */
  start(principal: Principal, secure: boolean): string {
    const id = randomBytes(32).toString('base64url');
    this.sweep();
    this.byDigest.set(digest(id), { principal, csrf: randomBytes(32).toString('base64url'), expires: Date.now() + TTL_MS });
    return `${SESSION_COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/console; Max-Age=${TTL_MS / 1000}${secure ? '; Secure' : ''}`;
  }

  /** The session of a request's cookie, while it lasts. */
  of(request: IncomingMessage): Session | undefined {
    const id = cookieOf(request, SESSION_COOKIE);
    if (id === undefined) return undefined;
    const session = this.byDigest.get(digest(id));
    if (!session || session.expires < Date.now()) return undefined;
    return session;
  }

  /** Ends the request's session; returns the Set-Cookie value that clears the cookie. */
  end(request: IncomingMessage): string {
    const id = cookieOf(request, SESSION_COOKIE);
    if (id !== undefined) this.byDigest.delete(digest(id));
    return `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/console; Max-Age=0`;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, session] of this.byDigest) if (session.expires < now) this.byDigest.delete(key);
  }
}

/** Whether a form's CSRF field is the session's token (compared in constant time). */
export const csrfMatches = (session: Session, presented: string | undefined): boolean => {
  if (presented === undefined) return false;
  const a = Buffer.from(session.csrf);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
};
