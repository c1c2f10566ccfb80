// Starts the example backend on an in-memory store, vending against the test STS endpoint, and a client for it.
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { decodeWith } from '@providers/domain';
import { silenceSdkNodeVersionWarning } from '@providers/vending';
// The vending package's test STS endpoint (an in-process AWS STS that speaks the query protocol).
import { startStsServer, type StsServer } from '@providers/vending/testing';
import { ErrorResponse } from '../../src/api.js';
import { DEMO_TOKENS } from '../../src/auth.js';
import { startServer } from '../../src/server.js';
import { openBackend } from '../../src/wiring.js';

/** A running backend and the STS endpoint it vends from. */
export interface Harness {
  readonly url: string;
  readonly sts: StsServer;
  /** Sends a request with a token and decodes the answer with `codec` (or, for an error status, with ErrorResponse). */
  call<A>(token: string | undefined, method: string, path: string, codec: t.Type<A, unknown, unknown>, body?: unknown): Promise<Answer<A>>;
  close(): Promise<void>;
}

/** A decoded answer: its status and body. */
export type Answer<A> = { readonly status: number; readonly body: A } | { readonly status: number; readonly error: ErrorResponse };

/** Starts everything; `close` stops it. */
export const startHarness = async (): Promise<Harness> => {
  silenceSdkNodeVersionWarning();
  const sts = await startStsServer();
  const backend = await openBackend({
    store: 'memory:',
    sts: { region: 'eu-west-1', endpoint: sts.url, baseDelayMs: 5, credentials: async () => ({ accessKeyId: 'AKIAEXAMPLEVENDING01', secretAccessKey: 'example/vending/identity/secret0000000000' }) },
  });
  const { server, url } = await startServer(backend, DEMO_TOKENS);
  return {
    url,
    sts,
    async call<A>(token: string | undefined, method: string, path: string, codec: t.Type<A, unknown, unknown>, body?: unknown): Promise<Answer<A>> {
      const response = await fetch(url + path, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
      const json: unknown = await response.json();
      const misfit = (message: string) => new Error(`${method} ${path} → ${response.status}: the answer does not fit its codec (${message}): ${JSON.stringify(json)}`);
      if (response.ok) {
        const decoded = decodeWith(codec)(json);
        if (E.isLeft(decoded)) throw misfit(decoded.left.message);
        return { status: response.status, body: decoded.right };
      }
      const decoded = decodeWith(ErrorResponse)(json);
      if (E.isLeft(decoded)) throw misfit(decoded.left.message);
      return { status: response.status, error: decoded.right };
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await backend.close();
      await sts.close();
    },
  };
};
