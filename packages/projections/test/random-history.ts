// Random valid histories of several orgs, run through the command handler, for the property tests.
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { CommandHandler } from '@providers/commands';
import type { Actor, Command, OrgState, SealedSecret } from '@providers/domain';
import { MemoryEventStore, type RecordedEvent } from '@providers/store';
import { LiveProjection, MemoryCheckpointStore, createReadModels, readModelList, type ResolveRequest } from '../src/index.js';
import { roleCredentials, seal } from './support.js';

export const ORGS = ['org-a', 'org-b', 'org-c'];
const NAMES = ['dev', 'Dev', 'prod', 'PROD', 'staging', 'ops', 'billing'];
const APPS = ['app1', 'app2'];
const SERVICES = ['api', 'web'];
const STAGES = ['dev', 'prod'];
const REGIONS = ['us-east-1', 'eu-west-1'];
const ACCOUNTS = ['111111111111', '222222222222', '333333333333'];
const ADMINS: readonly Actor[] = [
  { id: 'alice', role: 'admin' },
  { id: 'olivia', role: 'owner' },
];
const MEMBERS: readonly Actor[] = [
  { id: 'bob', role: 'member' },
  { id: 'alice', role: 'admin' },
];

/** One intention; it is read against the org's state when it runs, so that most commands are valid. */
interface Step {
  readonly org: number;
  readonly op: number;
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly flag: boolean;
}

const stepArbitrary: fc.Arbitrary<Step> = fc.record({
  org: fc.nat(ORGS.length - 1),
  op: fc.nat(17),
  a: fc.nat(99),
  b: fc.nat(99),
  c: fc.nat(99),
  flag: fc.boolean(),
});

const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length === 0 ? undefined : list[n % list.length]);

/** The secrets a history sealed: their sealed parts and their plaintexts, none of which may reach a read model's output. */
type Secrets = string[];

const sealedSecret = (secrets: Secrets, keyId: string, n: number): SealedSecret => {
  const plaintext = `plain-secret-${n}-${keyId}-${'x'.repeat(12)}`;
  const sealed = seal(plaintext, keyId);
  secrets.push(plaintext, sealed.ct, sealed.iv, sealed.tag);
  return sealed;
};

type BodyOf<C> = C extends Command ? Omit<C, 'orgId' | 'commandId' | 'issuedAt'> : never;
/** A command without what every command carries (org, id, time). */
type CommandBody = BodyOf<Command>;

/** The command a step means in this state (a provider is added when there is none to act on). */
const commandFor = (step: Step, state: OrgState, orgId: string, n: number, secrets: Secrets): CommandBody => {
  const providers = [...state.providers.values()];
  const provider = pick(providers, step.a);
  const admin = ADMINS[step.b % ADMINS.length]!;
  const member = MEMBERS[step.b % MEMBERS.length]!;
  const add = () => {
    const providerId = `p-${n}`;
    const name = NAMES[step.c % NAMES.length]!;
    switch (step.a % 3) {
      case 0:
        return { type: 'AddProvider', actor: admin, providerId, name, providerType: 'aws', credentials: roleCredentials(ACCOUNTS[step.b % ACCOUNTS.length]!) } as const;
      case 1:
        return {
          type: 'AddProvider',
          actor: admin,
          providerId,
          name,
          providerType: 'aws',
          credentials: { kind: 'aws-keys', accessKeyId: 'AKIAABCDEFGHIJKLMNOP', secretAccessKey: sealedSecret(secrets, `${orgId}/${providerId}`, n) },
          ...(step.flag ? { accountId: ACCOUNTS[step.b % ACCOUNTS.length]! } : {}),
        } as const;
      default:
        return { type: 'AddProvider', actor: admin, providerId, name, providerType: 'stripe', credentials: { kind: 'secret', fields: { apiKey: sealedSecret(secrets, `${orgId}/${providerId}`, n) } } } as const;
    }
  };
  if (!provider || step.op === 0) return add();
  const app = APPS[step.b % APPS.length]!;
  const service = SERVICES[step.c % SERVICES.length]!;
  // Links weigh more than the rest: they are what the read models are mostly about.
  switch (step.op) {
    case 1:
      return { type: 'RenameProvider', actor: admin, providerId: provider.id, name: NAMES[step.c % NAMES.length]! };
    case 2:
    case 3:
    case 4:
      return { type: 'LinkProviderToService', actor: member, providerId: provider.id, app, service, replace: step.flag };
    case 5:
    case 6:
    case 7: {
      const region = step.c % 3 === 2 ? undefined : REGIONS[step.c % REGIONS.length]!;
      return {
        type: 'LinkProviderToInstance',
        actor: member,
        providerId: provider.id,
        app,
        service,
        stage: STAGES[step.a % STAGES.length]!,
        ...(region ? { region } : {}),
        replace: step.flag,
      };
    }
    case 8:
    case 9: {
      const link = pick([...state.links.values()], step.c);
      if (!link) return add();
      const { scope, providerType } = link;
      return scope.kind === 'service'
        ? { type: 'UnlinkProviderFromService', actor: member, app: scope.app, service: scope.service, providerType }
        : {
            type: 'UnlinkProviderFromInstance',
            actor: member,
            app: scope.app,
            service: scope.service,
            stage: scope.stage,
            ...(scope.kind === 'instance' ? { region: scope.region } : {}),
            providerType,
          };
    }
    case 10:
      // Without replace over another default it is refused: histories hold refusals too.
      return { type: 'SetDefaultProvider', actor: admin, providerId: provider.id, replace: step.flag };
    case 11: {
      const type = pick([...state.defaults.keys()], step.c);
      return type ? { type: 'ClearDefaultProvider', actor: admin, providerType: type } : { type: 'SetDefaultProvider', actor: admin, providerId: provider.id };
    }
    case 12:
      return { type: 'RemoveProvider', actor: admin, providerId: provider.id, force: step.flag };
    // Local-credentials links share the slots of provider links: replace swaps one for the other.
    case 14:
      return { type: 'LinkLocalCredentialsToService', actor: member, app, service, providerType: provider.type, replace: step.flag };
    case 15: {
      const region = step.c % 3 === 2 ? undefined : REGIONS[step.c % REGIONS.length]!;
      return {
        type: 'LinkLocalCredentialsToInstance',
        actor: member,
        app,
        service,
        stage: STAGES[step.a % STAGES.length]!,
        providerType: provider.type,
        ...(region ? { region } : {}),
        replace: step.flag,
      };
    }
    case 16:
    case 17: {
      const pinned = pick([...state.pins.values()], step.c);
      if (step.op === 17 && pinned) return { type: 'RemoveAccountPin', actor: admin, scope: pinned.scope, reason: 'no longer' };
      const stage = STAGES[step.a % STAGES.length]!;
      const scopes = [
        { kind: 'org' },
        { kind: 'service', app, service },
        { kind: 'stage', app, service, stage },
        { kind: 'instance', app, service, stage, region: REGIONS[step.a % REGIONS.length]! },
      ] as const;
      const accountIds = ACCOUNTS.filter((_, i) => (step.a >> i) & 1);
      return { type: 'PinAccount', actor: admin, scope: scopes[step.c % scopes.length]!, accountIds: accountIds.length > 0 ? accountIds : [ACCOUNTS[step.b % ACCOUNTS.length]!], reason: 'deploys there' };
    }
    default:
      return provider.type === 'aws'
        ? { type: 'UpdateProviderCredentials', actor: admin, providerId: provider.id, credentials: roleCredentials(ACCOUNTS[step.c % ACCOUNTS.length]!) }
        : { type: 'UpdateProviderCredentials', actor: admin, providerId: provider.id, credentials: { kind: 'secret', fields: { apiKey: sealedSecret(secrets, `${orgId}/${provider.id}`, n) } } };
  }
};

/** Runs the steps through the command handler, with a live projection following along from the start. */
export const runHistory = async (steps: readonly Step[]) => {
  const store = new MemoryEventStore({ pageSize: 7 });
  let time = Date.UTC(2026, 2, 1);
  // The store's time is that of the history: it refuses commands far from its clock.
  const handler = new CommandHandler(store, { clock: () => time });
  const checkpoints = new MemoryCheckpointStore();
  const liveModels = createReadModels();
  const live = new LiveProjection({ store, models: readModelList(liveModels), name: 'live', checkpoints, snapshots: checkpoints, checkpointEvery: { events: 3 } });
  await live.start();
  await live.caughtUp();
  const secrets: Secrets = [];
  let n = 0;
  for (const step of steps) {
    const orgId = ORGS[step.org]!;
    n++;
    // Some commands share a timestamp, so that "as of a time" meets ties.
    if (step.c % 4 !== 0) time += 60_000;
    const body = commandFor(step, await handler.state(orgId), orgId, n, secrets);
    const result = await handler.execute({ ...body, orgId, commandId: `cmd-${n}`, issuedAt: new Date(time).toISOString() } as Command);
    // A rejection appends nothing; the generator aims for valid commands but need not always hit.
    if (E.isLeft(result)) continue;
  }
  const recorded: RecordedEvent[] = [];
  for await (const page of store.readAll()) recorded.push(...page);
  const head = await store.headPosition();
  // Most commands are valid: a history that appends nothing would make every property vacuous.
  if (steps.length >= 10 && recorded.length === 0) throw new Error(`${steps.length} steps appended no event`);
  await live.waitFor(head);
  await live.stop();
  await live.done();
  return { store, handler, recorded, head, secrets, liveModels, checkpoints };
};

/** Every deployment the histories can touch, in every org, for both vendors. */
export const requests: ResolveRequest[] = ORGS.flatMap((orgId) =>
  APPS.flatMap((app) =>
    SERVICES.flatMap((service) =>
      STAGES.flatMap((stage) =>
        [undefined, ...REGIONS].flatMap((region) => ['aws', 'stripe'].map((type) => ({ orgId, app, service, stage, type, ...(region ? { region } : {}) }))),
      ),
    ),
  ),
);

/** A random history: up to 40 steps. */
export const history = fc.array(stepArbitrary, { minLength: 1, maxLength: 40, size: 'medium' });

