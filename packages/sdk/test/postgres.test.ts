// The library on one PostgreSQL database shared by several processes: commands from two
// processes at once lose and duplicate nothing, and a write in one process is what the next
// resolve in another answers, and what its live read models follow.
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { postgresTestGate } from '@providers/store-postgres/testing';
import { startReadyProcess } from '@providers/store/testing';
import { Providers } from '../src/index.js';

const linkerScript = fileURLToPath(new URL('./fixtures/postgres-linker.ts', import.meta.url));
const admin = { id: 'alice', role: 'admin' as const };

/** A linker process: `ready` once its store is open, links on `go()`, `done` with its report. */
const startLinker = (url: string, providerId: string, prefix: string, count: number) =>
  startReadyProcess<{ attempts: number; position: string }>(`linker ${prefix}`, linkerScript, [url, 'acme', providerId, prefix, String(count)]);

const { server } = await postgresTestGate('the library on PostgreSQL');
if (server) {
  const test = suite('the library on PostgreSQL');

  const openWithProvider = async (database: string) => {
    const url = await server.createDatabase(database);
    const providers = await Providers.open({ store: url });
    const added = await providers.addProvider({ orgId: 'acme', actor: admin, name: 'dev', type: 'aws', credentials: { kind: 'aws-role', roleArn: 'arn:aws:iam::111111111111:role/deploy' } });
    assert.ok(E.isRight(added));
    return { url, providers, providerId: (await providers.findProvider('acme', 'dev'))!.id };
  };

  test('two processes × 500 commands on one org: every command is recorded once, and live read models follow both', async () => {
    const { url, providers, providerId } = await openWithProvider('processes');
    const models = await providers.live();
    try {
      await models.caughtUp();
      const linkers = ['a', 'b'].map((prefix) => startLinker(url, providerId, prefix, 500));
      await Promise.all(linkers.map((linker) => linker.ready));
      for (const linker of linkers) linker.go();
      const reports = await Promise.all(linkers.map((linker) => linker.done));

      const history = await providers.history('acme');
      assert.equal(history.map((e) => e.revision), history.map((_, i) => BigInt(i + 1)));
      const links = history.filter((e) => e.type === 'ProviderLinkedToService');
      assert.is(links.length, 1000);
      const services = links.map((e) => (e.data as { service: string }).service);
      const expected = ['a', 'b'].flatMap((prefix) => Array.from({ length: 500 }, (_, i) => `${prefix}-${i}`));
      assert.equal([...services].sort(), [...expected].sort());
      // Both processes raced for the one stream: the losers re-decided instead of overwriting.
      assert.ok(reports.reduce((sum, report) => sum + report.attempts, 0) >= 1000);

      await models.waitFor(BigInt(Math.max(...reports.map((report) => Number(report.position)))));
      assert.is(models.catalog.usages('acme', providerId).services.length, 1000);
    } finally {
      await models.stop();
      await providers.close();
    }
  });

  test('a link made by another process is what the next resolve here answers', async () => {
    const { url, providers, providerId } = await openWithProvider('resolve');
    try {
      const request = { orgId: 'acme', app: 'app1', service: 'late-0', stage: 'prod' };
      assert.is((await providers.resolve(request)).source, 'none');
      const linker = startLinker(url, providerId, 'late', 1);
      await linker.ready;
      linker.go();
      await linker.done;
      const resolution = await providers.resolve(request);
      assert.equal([resolution.source, resolution.provider?.name], ['service', 'dev']);
    } finally {
      await providers.close();
    }
  });

  test.run();
}
