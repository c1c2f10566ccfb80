// Realistic event logs for the projection tests: commands through the CommandHandler on a memory store.
import { createCipheriv, randomBytes } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { CommandHandler, type CommandResult } from '@providers/commands';
import type { Actor, Command, SealedSecret } from '@providers/domain';
import { MemoryEventStore, type EventStore } from '@providers/store';
import { AuditTrail, ProviderCatalog, project, type ReadModel, type SnapshottableReadModel } from '../src/index.js';

export const admin: Actor = { id: 'alice', role: 'admin' };
export const member: Actor = { id: 'bob', role: 'member' };
export const owner: Actor = { id: 'olivia', role: 'owner' };

/** Seals a value as @providers/secrets does (AES-256-GCM), so that tests can look for its ciphertext and plaintext. */
export const seal = (plaintext: string, keyId: string): SealedSecret => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', randomBytes(32), iv);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { alg: 'A256GCM', keyId, iv: iv.toString('base64'), ct: ct.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
};

export const roleCredentials = (account: string) => ({
  kind: 'aws-role' as const,
  roleArn: `arn:aws:iam::${account}:role/deploy`,
  externalId: 'ext-id',
  sessionDurationSeconds: 3600,
});

type Body = Record<string, unknown> & { type: Command['type'] };

/** A memory store with a command handler; `run` executes a command of `orgId` and throws on a rejection. */
export const setup = (orgId = 'acme', store: EventStore = new MemoryEventStore()) => {
  let n = 0;
  // One minute apart, from 2026-03-01T10:00Z: times are distinct and ordered like positions.
  const timeOf = (i: number) => new Date(Date.UTC(2026, 2, 1, 10, i)).toISOString();
  // The store's time is that of the command being recorded: a history dated in the past.
  const handler = new CommandHandler(store, { clock: () => Date.parse(timeOf(n)) });
  const run = async (actor: Actor, body: Body, org = orgId): Promise<CommandResult> => {
    n++;
    const result = await handler.execute({ orgId: org, commandId: `c-${org}-${n}`, actor, issuedAt: timeOf(n), ...body } as Command);
    if (E.isLeft(result)) throw new Error(result.left.message);
    return result.right;
  };
  const addRole = (providerId: string, name: string, account: string, org = orgId) =>
    run(admin, { type: 'AddProvider', providerId, name, providerType: 'aws', credentials: roleCredentials(account) }, org);
  const addKeys = (providerId: string, name: string, secret: SealedSecret, accountId?: string) =>
    run(admin, {
      type: 'AddProvider',
      providerId,
      name,
      providerType: 'aws',
      credentials: { kind: 'aws-keys', accessKeyId: 'AKIAABCDEFGHIJKLMNOP', secretAccessKey: secret },
      ...(accountId ? { accountId } : {}),
    });
  const link = (providerId: string, app: string, service: string, extra: Record<string, unknown> = {}) =>
    run(member, { type: extra.stage === undefined ? 'LinkProviderToService' : 'LinkProviderToInstance', providerId, app, service, ...extra });
  return { store, handler, run, addRole, addKeys, link, timeOf };
};

/** A read model with the whole log of a store folded in. */
export const built = async <M extends ReadModel>(store: EventStore, model: M): Promise<M> => {
  await project(store, [model]);
  return model;
};

/** The audit trail of a store's whole log. */
export const trailOf = (store: EventStore): Promise<AuditTrail> => built(store, new AuditTrail());

/** The provider catalog of a store's whole log. */
export const catalogOf = (store: EventStore): Promise<ProviderCatalog> => built(store, new ProviderCatalog());

/** `fresh` restored from the snapshot of `model`, sent through JSON as a snapshot store keeps it. */
export const restoredFrom = <M extends SnapshottableReadModel>(model: SnapshottableReadModel, fresh: M): M => {
  fresh.restore(JSON.parse(JSON.stringify(model.snapshot())));
  return fresh;
};
