// The CLI with --store postgres://… (and PROVIDERS_STORE) against a real PostgreSQL server
// this file starts; the server stopped in the middle of a run is an infrastructure failure.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { postgresTestGate } from '@providers/store-postgres/testing';
import { serviceAndInstanceScenario } from './store-scenario.js';
import { workspace } from './support.js';

const { server } = await postgresTestGate('providers CLI on PostgreSQL');
if (server) {
  const url = await server.createDatabase('cli');
  const cli = suite('providers CLI on PostgreSQL');
  const ws = workspace();
  const store = ['--store', url];
  cli.after(() => ws.cleanup());

  const ok = (args: string[], env: Record<string, string> = {}) => ws.okAsync([...store, ...args], env);
  type History = { revision: string; type: string; metadata: { commandId: string } }[];

  cli('service linked to dev, prod instance to prod: a new stage resolves to dev from the service', () => serviceAndInstanceScenario(ok));

  cli('PROVIDERS_STORE=postgresql://… reads the same database; a rejected link appends nothing', async () => {
    const env = { PROVIDERS_STORE: url.replace(/^postgres:/, 'postgresql:') };
    const history = async () => (await ws.runAsync(['history', '--org', 'acme', '--json'], { env })).json<History>();
    const before = await history();
    assert.is(before.length, 4);
    const r = await ws.runAsync(['link', '--org', 'acme', '--provider', 'prod', '--app', 'app1', '--service', 'service1'], { env });
    assert.is(r.code, 1, r.stderr);
    assert.is((await history()).length, before.length);
  });

  cli('the server stopped in the middle of a run: exit 3 with a message naming the store; after the restart nothing is half-written', async () => {
    const runs: { code: number; stderr: string }[] = [];
    const running = (async () => {
      for (let i = 0; ; i++) {
        const r = await ws.runAsync([...store, 'link', '--org', 'acme', '--provider', 'dev', '--app', 'app1', '--service', `svc-${i}`, '--stage', 'dev']);
        runs.push(r);
        if (r.code !== 0) return;
      }
    })();
    while (runs.length < 1) await new Promise((resolve) => setTimeout(resolve, 20));
    await server.stop('immediate');
    await running;
    const failed = runs[runs.length - 1]!;
    assert.is(failed.code, 3, failed.stderr);
    assert.match(failed.stderr, `the PostgreSQL store at ${url} is unavailable`);
    await server.start();

    const history = (await ok(['history', '--org', 'acme', '--json'])).json<History>();
    assert.equal(history.map((e) => e.revision), history.map((_, i) => String(i + 1)));
    const links = history.filter((e) => e.type === 'ProviderLinkedToInstance');
    // Every command that said it succeeded is there once; the one that failed is there at most once.
    assert.ok(links.length === runs.length - 1 || links.length === runs.length, `${links.length} links after ${runs.length} runs`);
    assert.is(new Set(links.map((e) => e.metadata.commandId)).size, links.length);
    // The failed command can be given again, and does what it says.
    await ok(['link', '--org', 'acme', '--provider', 'dev', '--app', 'app1', '--service', `svc-${runs.length - 1}`, '--stage', 'dev']);
    const resolved = (await ok(['resolve', '--org', 'acme', '--app', 'app1', '--service', `svc-${runs.length - 1}`, '--stage', 'dev', '--json'])).json<{ source: string; provider: { name: string } }>();
    assert.equal([resolved.source, resolved.provider.name], ['stage', 'dev']);
  });

  cli.run();
}
