import * as E from 'fp-ts/lib/Either.js';
import * as assert from 'uvu/assert';
import {
  decide,
  evolve,
  type Actor,
  type Command,
  type CommandOf,
  type DomainError,
  type DomainEvent,
  type OrgState,
} from '../src/index.js';
import { deciderSpecification } from '../src/testing/index.js';

export const admin: Actor = { id: 'alice', role: 'admin' };
export const owner: Actor = { id: 'olivia', role: 'owner' };
export const member: Actor = { id: 'bob', role: 'member' };
export const system: Actor = { id: 'migration', role: 'system' };

export const ROLE_ARN = 'arn:aws:iam::111111111111:role/deploy';
export const PROD_ROLE_ARN = 'arn:aws:iam::222222222222:role/deploy';
export const sealed = (keyId = 'acme/p', ct = 'c2VjcmV0') => ({ alg: 'A256GCM' as const, keyId, iv: 'aXY=', ct, tag: 'dGFn' });

export const roleCredentials = (roleArn = ROLE_ARN) => ({
  kind: 'aws-role' as const,
  roleArn,
  externalId: 'acme-external-id',
  sessionDurationSeconds: 3600,
});

let commandCounter = 0;
type Body<C> = C extends Command ? Omit<C, 'orgId' | 'commandId' | 'actor' | 'issuedAt'> : never;

/** A command of the org `acme`, with a fresh command id unless one is given. */
export const cmd = (actor: Actor, body: Body<Command>, commandId = `cmd-${++commandCounter}`): Command =>
  ({ orgId: 'acme', commandId, actor, issuedAt: '2026-01-01T00:00:00.000Z', ...body }) as Command;

/** An AddProvider command for an AWS access-role provider, `more` overriding or adding fields. */
export const addProvider = (
  actor: Actor,
  providerId: string,
  name: string,
  more: Partial<CommandOf<'AddProvider'>> = {},
  commandId?: string,
): Command => cmd(actor, { type: 'AddProvider', providerId, name, providerType: 'aws', credentials: roleCredentials(), ...more }, commandId);

const spec = deciderSpecification();

/** The state after these events (each as its own command, by the admin; event i at position i + 1). */
export const given = (...events: DomainEvent[]): OrgState =>
  spec.given(
    ...events.map((event, i) => ({
      event,
      metadata: { schemaVersion: 1, eventId: `e-${i}`, commandId: `given-${i}`, actor: admin, occurredAt: '2026-01-01T00:00:00.000Z' },
    })),
  ).state;

/** Folds the events a decision produced, as the command handler does after the append. */
export const apply = (state: OrgState, command: Command): OrgState => {
  const decision = decide(command, state);
  if (E.isLeft(decision)) throw new Error(`unexpected rejection: ${decision.left.message}`);
  for (const [i, event] of decision.right.entries())
    evolve(
      state,
      { event, metadata: { schemaVersion: 1, eventId: `${command.commandId}-${i}`, commandId: command.commandId, actor: command.actor, occurredAt: command.issuedAt } },
      BigInt(state.revision + 1),
    );
  return state;
};

export const thenEvents = (state: OrgState, command: Command, expected: readonly DomainEvent[]) => spec.on(state).when(command).then(expected);

export const thenError = <T extends DomainError['_tag']>(state: OrgState, command: Command, tag: T, field?: string): Extract<DomainError, { _tag: T }> => {
  const error = spec.on(state).when(command).thenRejected(tag, field);
  assert.ok(error.message.length > 10, 'a message a person understands');
  return error;
};

export const added = (providerId: string, name: string, roleArn = ROLE_ARN): DomainEvent => ({
  type: 'ProviderAdded',
  data: { providerId, name, type: 'aws', credentials: roleCredentials(roleArn), accountId: roleArn.split(':')[4]! },
});

export const addedStripe = (providerId: string, name: string): DomainEvent => ({
  type: 'ProviderAdded',
  data: { providerId, name, type: 'stripe', credentials: { kind: 'secret', fields: { apiKey: sealed(`acme/${providerId}`) } } },
});
