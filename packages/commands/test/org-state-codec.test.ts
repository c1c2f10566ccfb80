// The org-state snapshot text carries everything the fold keeps, local-credentials links included:
// decoding what was encoded gives the same state, which resolves the same.
import { evolve, initialState, resolve, type DomainEvent } from '@providers/domain';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeOrgState, encodeOrgState } from '../src/index.js';

const ROLE = { kind: 'aws-role', roleArn: 'arn:aws:iam::111111111111:role/deploy', externalId: 'acme-external-id', sessionDurationSeconds: 3600 } as const;
const history: DomainEvent[] = [
  { type: 'ProviderAdded', data: { providerId: 'dev', name: 'dev', type: 'aws', credentials: ROLE, accountId: '111111111111' } },
  { type: 'ProviderLinkedToService', data: { providerId: 'dev', app: 'app1', service: 'api' } },
  { type: 'LocalCredentialsLinked', data: { type: 'aws', app: 'app1', service: 'api', stage: 'qa' } },
  { type: 'LocalCredentialsLinked', data: { type: 'aws', app: 'app1', service: 'api', stage: 'prod', region: 'eu-west-1' } },
];

test('a state with local-credentials links survives the snapshot text', () => {
  const state = initialState();
  history.forEach((event, i) =>
    evolve(state, { event, metadata: { schemaVersion: 1, eventId: `e${i}`, commandId: `c${i}`, actor: { id: 'bob', role: 'member' }, occurredAt: '2026-03-01T10:00:00.000Z' } }, BigInt(i + 1)),
  );
  const decoded = decodeOrgState(encodeOrgState(state));
  assert.equal(decoded, state);
  for (const target of [
    { app: 'app1', service: 'api', stage: 'qa' },
    { app: 'app1', service: 'api', stage: 'prod', region: 'eu-west-1' },
    { app: 'app1', service: 'api', stage: 'prod', region: 'us-east-1' },
  ])
    assert.equal(resolve(decoded, target), resolve(state, target));
  assert.equal([resolve(decoded, { app: 'app1', service: 'api', stage: 'qa' }).source, resolve(decoded, { app: 'app1', service: 'api', stage: 'qa' }).local], ['stage', true]);
});

test.run();
