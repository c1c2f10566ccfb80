// The command path both append rows measure: validate, decide, append one event per command, fold.
import { CommandHandler } from '../../packages/commands/src/index.js';
import type { Command } from '../../packages/domain/src/index.js';
import type { EventStore } from '../../packages/store/src/index.js';
import { timeOnce } from './measure.js';

const actor = { id: 'bench', role: 'admin' as const };

const link = (n: number): Command => ({
  type: 'LinkProviderToInstance',
  orgId: 'append-org',
  commandId: `append-${n}`,
  actor,
  issuedAt: new Date().toISOString(),
  providerId: 'prv-1',
  app: `app-${n % 50}`,
  service: `svc-${Math.floor(n / 50)}`,
  stage: 'prod',
  region: 'eu-west-1',
});

/** Milliseconds `count` link commands take through the command handler on `store`, one append each. */
export const timeLinkCommands = async (store: EventStore, count: number): Promise<number> => {
  const handler = new CommandHandler(store);
  await handler.execute({
    type: 'AddProvider',
    orgId: 'append-org',
    commandId: 'append-add',
    actor,
    issuedAt: new Date().toISOString(),
    providerId: 'prv-1',
    name: 'bench',
    providerType: 'aws',
    credentials: { kind: 'aws-role', roleArn: 'arn:aws:iam::123456789012:role/x', externalId: 'bench-ext', sessionDurationSeconds: 3600 },
  });
  return timeOnce(async () => {
    for (let n = 0; n < count; n++) {
      const result = await handler.execute(link(n));
      if (result._tag === 'Left') throw new Error(result.left.message);
    }
  });
};
