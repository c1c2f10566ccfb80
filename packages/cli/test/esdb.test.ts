// The foundation's CLI scenarios with --store esdb://… against the in-process EventStoreDB gRPC server.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestEsdbServer, type TestEsdbServer } from '@providers/store-esdb/testing';
import { serviceAndInstanceScenario } from './store-scenario.js';
import { workspace } from './support.js';

const cli = suite('providers CLI on EventStoreDB');
const ws = workspace();
let server: TestEsdbServer;
let store: string[];

cli.before(async () => {
  server = await startTestEsdbServer();
  store = ['--store', server.connectionString];
});
cli.after(async () => {
  await server.stop();
  ws.cleanup();
});

const ok = (args: string[]) => ws.okAsync([...store, ...args]);

cli('service linked to dev, prod instance to prod: a new stage resolves to dev from the service', () => serviceAndInstanceScenario(ok));

cli('a rejected link appends nothing to the server’s log; the default and none still answer', async () => {
  const before = (await ok(['history', '--org', 'acme', '--json'])).json<unknown[]>().length;
  const r = await ws.runAsync([...store, 'link', '--org', 'acme', '--provider', 'prod', '--app', 'app1', '--service', 'service1']);
  assert.is(r.code, 1);
  assert.is((await ok(['history', '--org', 'acme', '--json'])).json<unknown[]>().length, before);
  await ok(['default', 'set', '--org', 'acme', '--provider', 'prod']);
  const other = (await ok(['resolve', '--org', 'acme', '--app', 'app1', '--service', 'billing', '--stage', 'dev', '--json'])).json<{ source: string }>();
  assert.is(other.source, 'org-default');
  const none = (await ok(['resolve', '--org', 'other', '--app', 'app1', '--service', 'billing', '--stage', 'dev', '--json'])).json<{ source: string }>();
  assert.is(none.source, 'none');
});

cli('an unreachable server is an infrastructure failure: exit 3, no hang', async () => {
  const r = await ws.runAsync(['--store', 'esdb://127.0.0.1:1?tls=false', 'list', '--org', 'acme']);
  assert.is(r.code, 3, r.stderr);
});

cli.run();
