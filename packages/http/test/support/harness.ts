// Starts the http package's server on an in-memory store with a master key (static keys are
// sealed), and a client that sends a token.
import { serve, Tokens, type RunningServer } from '../../src/index.js';
import { Providers } from '@providers/sdk';

/** The tokens of the tests: an admin and a member of acme, an admin of globex, an admin of both. */
export const TOKENS = [
  { token: 'acme-admin-token-0001', actor: 'alice', role: 'admin', orgs: ['acme'] },
  { token: 'acme-member-token-001', actor: 'mo', role: 'member', orgs: ['acme'] },
  { token: 'globex-admin-token-01', actor: 'gus', role: 'admin', orgs: ['globex'] },
] as const;
/** The tokens by who holds them. */
export const ADMIN = TOKENS[0].token;
export const MEMBER = TOKENS[1].token;
export const GLOBEX = TOKENS[2].token;

/** A master key for the tests (the format of `providers master-key generate`). */
export const TEST_MASTER_KEY = 'a1b2c3d4:' + Buffer.alloc(32, 7).toString('base64');

/** An answer: its status and JSON body. */
export interface Answer {
  readonly status: number;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly text: string;
}

/** A running server on a fresh store. */
export interface Harness {
  readonly url: string;
  readonly providers: Providers;
  readonly logged: string[];
  call(token: string | undefined, method: string, path: string, body?: unknown): Promise<Answer>;
  close(): Promise<void>;
}

/** Starts a server on `store` (default: a fresh in-memory store). */
export const startHarness = async (store = 'memory:'): Promise<Harness> => {
  process.env.PROVIDERS_MASTER_KEY = TEST_MASTER_KEY;
  const providers = await Providers.open({ store });
  const logged: string[] = [];
  const running: RunningServer = await serve({ providers, tokens: new Tokens(TOKENS.map((t) => ({ ...t, orgs: [...t.orgs] }))), port: 0, log: (line) => logged.push(line) });
  return {
    url: running.url,
    providers,
    logged,
    async call(token, method, path, body) {
      const response = await fetch(running.url + path, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      return { status: response.status, text, body: text ? JSON.parse(text) : null };
    },
    async close() {
      await running.close();
      await providers.close();
    },
  };
};
