// Outages and set-up mistakes: typed errors that say what is wrong (never a password), calls that
// survive dropped connections, and a server crash that leaves no batch half-written.
import pg from 'pg';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { StoreFailure, StoreUnavailable } from '@providers/store';
import { PostgresEventStore, openPostgresStores, schemaVersion } from '@providers/store-postgres';
import { postgresTestGate } from '@providers/store-postgres/testing';
import { rejection } from '@providers/store/testing';
import { newEvents, readAll } from './support/events.js';

const { server } = await postgresTestGate('PostgreSQL faults');
if (server) {
  const url = await server.createDatabase('faults');
  const test = suite('PostgreSQL faults');

  test('an unreachable server fails the open with StoreUnavailable naming the server, not the password', async () => {
    const error = await rejection(PostgresEventStore.open('postgres://someone:hunter2-secret@127.0.0.1:1/db'), StoreUnavailable);
    assert.ok(error.message.includes('127.0.0.1:1/db'), error.message);
    assert.ok(error.message.includes('cannot be reached'), error.message);
    assert.not.ok(error.message.includes('hunter2'), error.message);
  });

  test('a database that does not exist fails the open with StoreUnavailable that says so', async () => {
    const error = await rejection(PostgresEventStore.open(`postgres://postgres@127.0.0.1:${server.port}/missing`), StoreUnavailable);
    assert.ok(error.message.includes('does not exist'), error.message);
  });

  test('a schema name that is not a plain identifier is refused before anything connects', async () => {
    const error = await rejection(PostgresEventStore.open(`${url}?schema=Robert'); DROP TABLE x`), StoreFailure);
    assert.ok(error.message.includes('schema name'), error.message);
  });

  test('processes opening a new schema at once create it once; a schema of a newer version is refused', async () => {
    const schema = 'racing';
    const stores = await Promise.all(Array.from({ length: 6 }, () => openPostgresStores(url, { schema })));
    for (const stores_ of stores) await stores_.close();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      assert.equal((await admin.query(`SELECT version FROM "${schema}".schema_version`)).rows, [{ version: schemaVersion }]);
      await admin.query(`UPDATE "${schema}".schema_version SET version = $1`, [schemaVersion + 1]);
      const error = await rejection(PostgresEventStore.open(url, { schema }), StoreFailure);
      assert.ok(error.message.includes(`version ${schemaVersion + 1}`), error.message);
    } finally {
      await admin.end();
    }
  });

  test('a schema at version 1 (before snapshots) is migrated on open: its events stay, snapshots can be saved', async () => {
    const schema = 'upgraded';
    const first = await openPostgresStores(url, { schema });
    await first.events.append('s', newEvents(2), 0n);
    await first.close();
    // What version 1 had: the events, the keys and the append function; not the snapshot tables nor the read functions.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP TABLE "${schema}".snapshots, "${schema}".checkpoints; DROP FUNCTION "${schema}".read_all, "${schema}".read_stream`);
    await admin.query(`UPDATE "${schema}".schema_version SET version = 1`);
    const stores = await openPostgresStores(url, { schema });
    try {
      assert.equal((await readAll(stores.events)).map((e) => e.revision), [1n, 2n]);
      const snapshot = { name: 's', position: 2n, revision: 2n, eventId: 'e2', eventTime: '2026-01-01T00:00:00.000Z', schemaVersion: 1, foldVersion: 1, data: '{}' };
      await stores.snapshots.save(snapshot);
      assert.equal(await stores.snapshots.load('s'), snapshot);
      assert.equal((await admin.query(`SELECT version FROM "${schema}".schema_version`)).rows, [{ version: schemaVersion }]);
    } finally {
      await stores.close();
      await admin.end();
    }
  });

  test('connections the server drops are replaced: the next calls succeed', async () => {
    const store = await PostgresEventStore.open(url, { schema: 'dropped' });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await store.append('s', newEvents(1), 0n);
      const dropped = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'providers'");
      assert.ok(dropped.rowCount! > 0);
      assert.is((await store.append('s', newEvents(1), 1n)).revision, 2n);
      assert.is((await readAll(store)).length, 2);
    } finally {
      await admin.end();
      await store.close();
    }
  });

  test('the server killed while batches are appended: the append fails with StoreUnavailable; after the restart every batch is whole or absent', async () => {
    const store = await PostgresEventStore.open(url, { schema: 'crash' });
    const acknowledged: string[] = [];
    let failed: unknown;
    const writing = (async () => {
      let revision = 0n;
      for (let batch = 0; ; batch++) {
        try {
          revision = (await store.append('crash', newEvents(5, 'Batch', { batch }), revision)).revision;
          acknowledged.push(String(batch));
        } catch (error) {
          failed = error;
          return;
        }
      }
    })();
    while (acknowledged.length < 20) await new Promise((resolve) => setTimeout(resolve, 5));
    await server.stop('immediate');
    await writing;
    assert.instance(failed, StoreUnavailable);
    assert.ok((failed as StoreUnavailable).message.includes('append to crash'), (failed as StoreUnavailable).message);
    await server.start();
    try {
      const events = await readAll(store);
      const batches = new Map<string, number[]>();
      for (const event of events) {
        const { batch, i } = event.data as { batch: number; i: number };
        batches.set(String(batch), [...(batches.get(String(batch)) ?? []), i]);
      }
      for (const [batch, members] of batches) assert.equal(members, [0, 1, 2, 3, 4], `batch ${batch} is not whole`);
      // Every acknowledged batch survived; at most the one in flight is there unacknowledged.
      for (const batch of acknowledged) assert.ok(batches.has(batch), `acknowledged batch ${batch} was lost`);
      assert.ok(batches.size - acknowledged.length <= 1);
      assert.equal(events.map((e) => e.revision), events.map((_, i) => BigInt(i + 1)));
      // The same store carries on after the restart.
      assert.is((await store.append('crash', newEvents(1), BigInt(events.length))).revision, BigInt(events.length + 1));
    } finally {
      await store.close();
    }
  });

  test.run();
}
