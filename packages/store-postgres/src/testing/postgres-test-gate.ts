import { suite } from 'uvu';
import { findPostgresBinaries } from './postgres-binaries.js';
import { startTestPostgresServer, type TestPostgresServer, type TestPostgresServerOptions } from './test-postgres-server.js';

/** A started server, or why the PostgreSQL tests of a file are skipped. */
export type PostgresTestGate = { readonly server: TestPostgresServer } | { readonly server?: undefined; readonly skipped: string };

/**
 * The server for one test file's PostgreSQL tests. Where no server binaries
 * are installed the file's tests are skipped, with the reason printed and
 * one skipped test on record; with `REQUIRE_POSTGRES=1` (CI) that is a
 * failure instead, so that CI can never pass without running them.
 */
export const postgresTestGate = async (what: string, options: TestPostgresServerOptions = {}): Promise<PostgresTestGate> => {
  if (findPostgresBinaries()) return { server: await startTestPostgresServer(options) };
  const reason = 'no PostgreSQL server binaries (initdb, pg_ctl) on PATH or under /usr/lib/postgresql (apt-get install postgresql)';
  if (process.env.REQUIRE_POSTGRES === '1') throw new Error(`REQUIRE_POSTGRES=1 but ${reason}`);
  console.log(`SKIPPED: ${what}: ${reason}`);
  const skipped = suite(what);
  skipped.skip(what, () => undefined);
  skipped.run();
  return { skipped: reason };
};
