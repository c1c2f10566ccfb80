// A small history to replay when there is no store at hand: two accounts, links, a replacement, a rename.
import type { Actor, Providers, WriteOutcome } from '@providers/sdk';

const alice: Actor = { id: 'alice', role: 'admin' };
const mo: Actor = { id: 'mo', role: 'member' };

/**
 * Records the demo history into org `acme`, one minute apart from 2026-01-05T09:00Z
 * (open `providers` with `demoClock` so that the store accepts those dates).
 */
export const recordDemoHistory = async (providers: Providers): Promise<void> => {
  let minute = 0;
  const at = () => new Date(demoClock.now = Date.UTC(2026, 0, 5, 9, minute++)).toISOString();
  const check = async (outcome: WriteOutcome) => {
    const result = await outcome;
    if (result._tag === 'Left') throw new Error(`the demo history was refused: ${result.left.message}`);
  };
  const envelope = (actor: Actor) => ({ orgId: 'acme', actor, issuedAt: at() });
  const role = (account: string) => ({ kind: 'aws-role' as const, roleArn: `arn:aws:iam::${account}:role/deploy`, externalId: 'acme-demo-external-id' });
  await check(providers.addProvider({ ...envelope(alice), providerId: 'dev', name: 'Dev AWS', type: 'aws', credentials: role('111111111111') }));
  await check(providers.addProvider({ ...envelope(alice), providerId: 'prod', name: 'Prod AWS', type: 'aws', credentials: role('222222222222') }));
  const command = (actor: Actor) => ({ ...envelope(actor), commandId: `demo-${minute}` });
  await check(providers.setDefault({ ...command(alice), provider: 'dev' }));
  await check(providers.link({ ...command(mo), provider: 'dev', app: 'shop', service: 'api' }));
  await check(providers.link({ ...command(mo), provider: 'dev', app: 'shop', service: 'api', stage: 'prod' }));
  await check(providers.link({ ...command(alice), provider: 'prod', app: 'shop', service: 'api', stage: 'prod', replace: true }));
  await check(providers.renameProvider({ ...command(alice), provider: 'prod', name: 'Production' }));
  await check(providers.link({ ...command(mo), provider: 'prod', app: 'shop', service: 'web', stage: 'prod', region: 'eu-west-1' }));
  await check(providers.unlink({ ...command(mo), app: 'shop', service: 'api' }));
};

/** The store's time while the demo history is recorded: the time of the command being recorded. */
export const demoClock = { now: Date.UTC(2026, 0, 5, 9, 0) };
