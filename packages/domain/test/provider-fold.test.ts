// The one fold of providers, with the records of the org state and with records kept after removal.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PROVIDER_STATE, foldProvider, type ProviderEvent, type ProviderRecords, type ProviderState } from '../src/index.js';
import { PROD_ROLE_ARN, ROLE_ARN, roleCredentials } from './support.js';

const added: ProviderEvent = { type: 'ProviderAdded', data: { providerId: 'p1', name: 'dev', type: 'aws', credentials: roleCredentials(), accountId: '111111111111' } };
const renamed: ProviderEvent = { type: 'ProviderRenamed', data: { providerId: 'p1', from: 'dev', to: 'development' } };
const rotated: ProviderEvent = { type: 'ProviderCredentialsUpdated', data: { providerId: 'p1', credentials: roleCredentials(PROD_ROLE_ARN), accountId: '222222222222' } };
const removed: ProviderEvent = { type: 'ProviderRemoved', data: { providerId: 'p1' } };

const folded = <P>(records: ProviderRecords<P, undefined>, ...events: ProviderEvent[]): Map<string, P> => {
  const providers = new Map<string, P>();
  for (const event of events) foldProvider(records, providers, event, undefined);
  return providers;
};

test('the org state’s record follows a provider through rename and rotation, and is forgotten on removal', () => {
  assert.equal(folded(PROVIDER_STATE, added, renamed, rotated).get('p1'), {
    id: 'p1',
    name: 'development',
    type: 'aws',
    credentials: roleCredentials(PROD_ROLE_ARN),
    accountId: '222222222222',
  } satisfies ProviderState);
  assert.is(folded(PROVIDER_STATE, added, removed).size, 0);
  assert.equal(folded(PROVIDER_STATE, added).get('p1')?.credentials, roleCredentials(ROLE_ARN));
});

test('an event about a provider that was never added changes nothing', () => {
  assert.is(folded(PROVIDER_STATE, renamed, rotated, removed).size, 0);
});

test('a record kept after removal is changed by no later event', () => {
  const names: ProviderRecords<{ name: string; removed: boolean }> = {
    added: ({ name }) => ({ name, removed: false }),
    renamed: (p, { to }) => ({ ...p, name: to }),
    credentialsUpdated: (p) => p,
    removed: (p) => ({ ...p, removed: true }),
    isRemoved: (p) => p.removed,
  };
  assert.equal(folded(names, added, removed, renamed).get('p1'), { name: 'dev', removed: true });
});

test.run();
