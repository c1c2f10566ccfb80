// The issuance log: every hand-out is on record before it is returned, a record that cannot be
// written hands out nothing, concurrent vends are group-committed, and no record holds a secret.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MemoryEventStore, StoreUnavailable, type EventStore } from '@providers/store';
import { IssuanceNotRecorded } from '../src/errors.js';
import { createIssuanceLog, type IssuanceRecorder } from '../src/issuance-log.js';
import { issuanceStream } from '../src/issuance.js';
import { roleSessionName } from '../src/session-name.js';
import { expectedIssuance, fakeSeal, instanceRequest, knownSecrets, placeless, provider, roleProvider, secretsIn, startVending } from './support/fixtures.js';

const storeBytes = async (store: EventStore): Promise<string> => {
  const events: unknown[] = [];
  for await (const page of store.readAll()) events.push(...page.map((e) => ({ stream: e.stream, type: e.type, data: e.data, metadata: e.metadata })));
  return JSON.stringify(events);
};

test('an assumed-role vend is recorded with actor, deployment, provider, account, session, expiry, request id and cache use', async () => {
  const store = new MemoryEventStore();
  const log = createIssuanceLog(store);
  const h = await startVending(roleProvider(3600, { accountId: '123456789012' }), { vendor: { issuance: log, client: 'cli' } });
  try {
    const request = { ...instanceRequest(1), actor: 'alice' };
    const first = await h.vendor.vend(request);
    await h.vendor.vend({ ...request, client: 'serverless-v3' });
    const records = await log.read('org-1');
    assert.is(records.length, 2);
    const [issued, cached] = records;
    assert.equal(
      placeless(issued),
      expectedIssuance({
        accountId: '123456789012',
        kind: 'assumed-role',
        sessionName: roleSessionName({ orgId: 'org-1', app: 'shop', service: 'api', stage: 'stage1', region: 'eu-west-1' }),
        sourceIdentity: 'alice',
        expiresAt: first.kind === 'aws' ? first.expiration?.toISOString() : 'not aws',
        stsRequestId: issued?.stsRequestId,
      }),
    );
    assert.match(issued?.stsRequestId ?? '', /\S/, 'the AssumeRole request id is kept');
    assert.is(cached?.fromCache, true);
    assert.is(cached?.client, 'serverless-v3');
    assert.is(cached?.stsRequestId, issued?.stsRequestId, 'the cached session names the call that minted it');
  } finally {
    await h.close();
  }
});

test('the credentials are returned only after their record is written', async () => {
  let release: () => void = () => undefined;
  let asked = false;
  const written: string[] = [];
  const gated: IssuanceRecorder = {
    record: (issuance) =>
      new Promise((resolve) => {
        asked = true;
        release = () => {
          written.push(issuance.kind);
          resolve();
        };
      }),
  };
  const h = await startVending(roleProvider(), { vendor: { issuance: gated } });
  try {
    let settled = false;
    const vending = h.vendor.vend(instanceRequest(1)).then((result) => ((settled = true), result));
    while (!asked) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.is(settled, false, 'nothing handed out while the record is not written');
    release();
    const result = await vending;
    assert.equal(written, ['assumed-role']);
    assert.is(result.kind, 'aws');
  } finally {
    await h.close();
  }
});

test('a vend whose record cannot be written hands out nothing: a typed error without any secret', async () => {
  const failing: IssuanceRecorder = { record: async () => Promise.reject(new StoreUnavailable('database is locked')) };
  const h = await startVending(roleProvider(), { vendor: { issuance: failing } });
  try {
    const outcome = await h.vendor.vend(instanceRequest(1)).then(
      (result) => ({ handedOut: result }),
      (error: unknown) => ({ error }),
    );
    assert.ok('error' in outcome, 'no credentials were returned');
    assert.instance(outcome.error, IssuanceNotRecorded);
    assert.match(String(outcome.error), 'database is locked');
    assert.equal(secretsIn(JSON.stringify({ message: String(outcome.error), ...(outcome.error as object) }), knownSecrets(h.server)), []);
  } finally {
    await h.close();
  }
});

test('1,000 concurrent vends over 10 instances: 10 STS calls, 1,000 records, group-committed in far fewer appends', async () => {
  const inner = new MemoryEventStore();
  let appends = 0;
  const counting: EventStore = {
    append: (...args) => {
      if (args[0] === issuanceStream('org-1')) appends++;
      return inner.append(...args);
    },
    readStream: (...args) => inner.readStream(...args),
    readAll: (...args) => inner.readAll(...args),
    subscribeAll: (...args) => inner.subscribeAll(...args),
    truncateStreamBefore: (...args) => inner.truncateStreamBefore(...args),
    headPosition: () => inner.headPosition(),
    close: () => inner.close(),
  };
  const log = createIssuanceLog(counting);
  const h = await startVending(roleProvider(), { vendor: { issuance: log } });
  h.server.setLatency(20);
  try {
    await Promise.all(Array.from({ length: 1000 }, (_, i) => h.vendor.vend(instanceRequest(i % 10))));
    assert.is(h.server.calls('AssumeRole'), 10);
    const records = await log.read('org-1');
    assert.is(records.length, 1000);
    assert.is(records.filter((r) => !r.fromCache).length, 10, 'one record per STS call says it made one');
    assert.ok(appends <= 100, `${appends} appends for 1,000 records`);
  } finally {
    await h.close();
  }
});

test('records of role sessions, static keys and secret fields never contain a secret (byte scan of the store)', async () => {
  const store = new MemoryEventStore();
  const log = createIssuanceLog(store);
  const secrets = ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'sk_live_DoNotLeak0123456789'];
  for (const [answer, kind] of [
    [roleProvider(), 'assumed-role'],
    [provider({ kind: 'aws-keys', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: fakeSeal(secrets[0] ?? '') }, { accountId: '123456789012' }), 'static-keys'],
    [provider({ kind: 'secret', fields: { apiKey: fakeSeal(secrets[1] ?? '') } }, { type: 'stripe' }), 'secret-fields'],
  ] as const) {
    const h = await startVending(answer, { vendor: { issuance: log } });
    try {
      await h.vendor.vend({ ...instanceRequest(1), actor: 'alice', type: answer.type });
      const bytes = await storeBytes(store);
      assert.ok(bytes.includes(`"kind":"${kind}"`));
      assert.equal(secretsIn(bytes, [...knownSecrets(h.server), ...secrets]), []);
    } finally {
      await h.close();
    }
  }
});

test.run();
