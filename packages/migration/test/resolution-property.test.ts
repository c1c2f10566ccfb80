// Property: after migration, every stage (mapped, deployed or never mentioned) and region of every legacy service
// resolves as the legacy model did: the same account, or local credentials where it gave none. Lazy migration on
// first use and a run interrupted and run again end in the same answers.
import fc from 'fast-check';
import { CommandHandler } from '@providers/commands';
import { accountIdOfRoleArn } from '@providers/domain';
import { MemoryEventStore } from '@providers/store';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { migrate, migrateOnFirstUse, migrationText } from '../src/index.js';
import { addRoleProvider, crashingAfter, importOrThrow, indexOf, issuedAt, migrateOptions, migrateOrThrow, setup, system } from './fixtures.js';

interface Model {
  readonly org: string;
  readonly deploymentProfiles: { id: string; name: string; awsAccessRoleArn?: string }[];
  readonly apps: { name: string; stages: Record<string, string>; services: { name: string; instances: { stage: string; region?: string }[] }[] }[];
}

/**
 * The legacy answer: the profile mapped to the stage, else the profile of the
 * app's `default`; that profile's role account, and none when it has no role
 * (the deployer used its own credentials) or no profile applies. The service
 * and region do not matter: profiles were mapped per app stage.
 */
const legacyAccount = (model: Model, app: string, stage: string): string | null => {
  const stages = model.apps.find((a) => a.name === app)?.stages ?? {};
  const profileId = Object.hasOwn(stages, stage) ? stages[stage] : stages.default;
  const arn = model.deploymentProfiles.find((p) => p.id === profileId)?.awsAccessRoleArn;
  return arn === undefined ? null : (accountIdOfRoleArn(arn) ?? null);
};

/** The stage maps (not through `default`) to a profile without a role: the legacy model said "local credentials" there, on purpose. */
const mappedToNoRole = (model: Model, app: string, stage: string): boolean => {
  const stages = model.apps.find((a) => a.name === app)?.stages ?? {};
  return stage !== 'default' && Object.hasOwn(stages, stage) && model.deploymentProfiles.find((p) => p.id === stages[stage])?.awsAccessRoleArn === undefined;
};

const ACCOUNTS = ['111111111111', '222222222222', '333333333333'];
const STAGES = ['dev', 'prod', 'qa', 'default'];
/** Stages the export never mentions: deployed for the first time after the migration. */
const NEW_STAGES = ['int'];
const REGIONS = ['us-east-1', 'eu-west-1'];
/** Every region a deployment is asked about: the export's, one it never mentions, and none (a component service). */
const ASKED_REGIONS = [...REGIONS, 'ap-south-1', undefined];
const arn = fc.tuple(fc.constantFrom(...ACCOUNTS), fc.constantFrom('deploy', 'ci')).map(([account, role]) => `arn:aws:iam::${account}:role/${role}`);

const modelArb = fc
  .array(fc.record({ name: fc.constantFrom('dev', 'prod', 'ops', 'Dev'), awsAccessRoleArn: fc.option(arn, { nil: undefined }) }), { minLength: 1, maxLength: 5 })
  .chain((profiles) => {
    const profileIds = profiles.map((_, i) => `p${i}`);
    const instance = fc.record({ stage: fc.constantFrom(...STAGES), region: fc.option(fc.constantFrom(...REGIONS), { nil: undefined }) });
        // The export names a service through its instances: one without any is unknown to the legacy model and to the migration.
    const service = (name: string) => fc.array(instance, { minLength: 1, maxLength: 4 }).map((instances) => ({ name, instances }));
    const app = (name: string) =>
      fc.record({
        name: fc.constant(name),
        stages: fc.dictionary(fc.constantFrom(...STAGES), fc.constantFrom(...profileIds), { maxKeys: 4 }),
        services: fc.integer({ min: 1, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => service(`s${i}`)))),
      });
    return fc.record({
      model: fc.integer({ min: 1, max: 3 }).chain((n) =>
        fc.tuple(...Array.from({ length: n }, (_, i) => app(`a${i}`))).map(
          (apps): Model => ({
            org: 'acme',
            deploymentProfiles: profiles.map((p, i) => ({ id: profileIds[i]!, name: p.name, ...(p.awsAccessRoleArn ? { awsAccessRoleArn: p.awsAccessRoleArn } : {}) })),
            apps,
          }),
        ),
      ),
      // Providers the org has already, unlinked: their names and roles collide with the profiles'.
      userProviders: fc.array(fc.record({ name: fc.constantFrom('dev', 'prod-2', 'ops'), roleArn: arn }), { maxLength: 2 }),
      crashAfter: fc.nat({ max: 40 }),
    });
  });

const prepare = async (model: Model, userProviders: readonly { name: string; roleArn: string }[], store = new MemoryEventStore()) => {
  const { handler, run } = setup(store);
  const names = new Set<string>();
  for (const [i, p] of userProviders.entries())
    if (!names.has(p.name.toLowerCase())) {
      names.add(p.name.toLowerCase());
      await addRoleProvider(run, `user-${i}`, p.name, p.roleArn);
    }
  await importOrThrow(handler, model);
  return { store, handler };
};

/** Every deployment the property asks about: every service, every stage (mapped, deployed, never mentioned), every region. */
const requestsOf = (model: Model) =>
  model.apps.flatMap((app) =>
    app.services.flatMap((service) =>
      [...STAGES, ...NEW_STAGES].flatMap((stage) =>
        ASKED_REGIONS.map((region) => ({ orgId: 'acme', app: app.name, service: service.name, stage, ...(region ? { region } : {}) })),
      ),
    ),
  );

const answersOf = (index: Awaited<ReturnType<typeof indexOf>>, model: Model) =>
  requestsOf(model).map((request) => {
    const { source, provider, local } = index.resolve(request);
    return { request, source, providerId: provider?.id ?? null, local: local ?? false };
  });

test('every service, in every stage and region, resolves as the legacy model did; lazily or after a crash, the same', async () => {
  await fc.assert(
    fc.asyncProperty(modelArb, async ({ model, userProviders, crashAfter }) => {
      const { store, handler } = await prepare(model, userProviders);
      const report = await migrateOrThrow(handler);
      const index = await indexOf(store);
      for (const request of requestsOf(model)) {
        const where = `${request.app}/${request.service}/${request.stage}/${request.region ?? '-'}`;
        const resolved = index.resolve(request);
        const legacy = legacyAccount(model, request.app, request.stage);
        assert.is(resolved.provider?.accountId ?? null, legacy, where);
        // No account: the deployer's own credentials, as a local-credentials link where the stage was mapped so, else as none.
        if (legacy === null) assert.ok(resolved.local === true || resolved.source === 'none', where);
        if (mappedToNoRole(model, request.app, request.stage)) assert.equal([resolved.source, resolved.local], ['stage', true], where);
      }
      const again = await migrateOrThrow(new CommandHandler(store));
      assert.equal([again.commandsPending, again.eventsAppended], [0, 0], 'a second run has nothing to do');
      assert.match(migrationText(again).join('\n'), /nothing to do/);
      const answers = answersOf(index, model);

      // Migrated lazily, on first use, the same model resolves alike.
      const lazily = await prepare(model, userProviders);
      await migrateOnFirstUse(lazily.handler, { actor: system, clock: () => issuedAt, externalIdFor: migrateOptions().externalIdFor })('acme');
      assert.equal(answersOf(await indexOf(lazily.store), model), answers, 'lazy migration');

      // Migrated by a run that crashes part-way and a second run, the same.
      const crashed = await prepare(model, userProviders);
      const stopped = await migrate(new CommandHandler(crashingAfter(crashed.store, crashAfter)), 'acme', migrateOptions()).catch(() => undefined);
      assert.ok(stopped === undefined || crashAfter >= report.eventsAppended);
      await migrateOrThrow(new CommandHandler(crashed.store));
      assert.equal(answersOf(await indexOf(crashed.store), model), answers, 'interrupted and run again');
    }),
    { numRuns: 150 },
  );
});

test.run();
