// Property: after migration, every stage and region of every legacy service resolves to the account the legacy model gave it.
import fc from 'fast-check';
import { CommandHandler } from '@providers/commands';
import { accountIdOfRoleArn } from '@providers/domain';
import { MemoryEventStore } from '@providers/store';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { migrate } from '../src/index.js';
import { addRoleProvider, crashingAfter, importOrThrow, indexOf, migrateOptions, migrateOrThrow, setup } from './fixtures.js';

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

const ACCOUNTS = ['111111111111', '222222222222', '333333333333'];
const STAGES = ['dev', 'prod', 'qa', 'default'];
const REGIONS = ['us-east-1', 'eu-west-1'];
const arn = fc.tuple(fc.constantFrom(...ACCOUNTS), fc.constantFrom('deploy', 'ci')).map(([account, role]) => `arn:aws:iam::${account}:role/${role}`);

const modelArb = fc
  .array(fc.record({ name: fc.constantFrom('dev', 'prod', 'ops', 'Dev'), awsAccessRoleArn: fc.option(arn, { nil: undefined }) }), { minLength: 1, maxLength: 5 })
  .chain((profiles) => {
    const profileIds = profiles.map((_, i) => `p${i}`);
    const instance = fc.record({ stage: fc.constantFrom(...STAGES), region: fc.option(fc.constantFrom(...REGIONS), { nil: undefined }) });
    const service = (name: string) => fc.array(instance, { maxLength: 4 }).map((instances) => ({ name, instances }));
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

test('every deployed service, in every stage and region, resolves to the account the legacy model gave', async () => {
  await fc.assert(
    fc.asyncProperty(modelArb, async ({ model, userProviders, crashAfter }) => {
      const { store, handler } = await prepare(model, userProviders);
      const report = await migrateOrThrow(handler);
      const index = await indexOf(store);
      const withheld = new Set(report.withheld.map((w) => `${w.app}/${w.service}`));
      for (const app of model.apps)
        for (const service of app.services) {
          if (service.instances.length === 0) continue;
          const deployedStages = new Set(service.instances.map((i) => i.stage));
          for (const stage of STAGES) {
            // A stage neither deployed nor mapped inherits the service link, which is withheld (and reported) where it would move a mapped stage.
            const known = deployedStages.has(stage) || (stage !== 'default' && Object.hasOwn(app.stages, stage));
            if (!known && withheld.has(`${app.name}/${service.name}`)) continue;
            for (const region of [...REGIONS, 'ap-south-1', undefined]) {
              const resolved = index.resolve({ orgId: 'acme', app: app.name, service: service.name, stage, ...(region ? { region } : {}) });
              assert.is(resolved.provider?.accountId ?? null, legacyAccount(model, app.name, stage), `${app.name}/${service.name}/${stage}/${region ?? '-'}`);
            }
          }
        }
      assert.is((await migrateOrThrow(new CommandHandler(store))).eventsAppended, 0, 'a second run appends nothing');

      // The same model, migrated by a run that crashes part-way and a second run, ends in the same resolution.
      const crashed = await prepare(model, userProviders);
      const stopped = await migrate(new CommandHandler(crashingAfter(crashed.store, crashAfter)), 'acme', migrateOptions()).catch(() => undefined);
      assert.ok(stopped === undefined || crashAfter >= report.eventsAppended);
      await migrateOrThrow(new CommandHandler(crashed.store));
      const after = await indexOf(crashed.store);
      for (const app of model.apps)
        for (const service of app.services)
          for (const stage of STAGES)
            for (const region of [...REGIONS, undefined]) {
              const request = { orgId: 'acme', app: app.name, service: service.name, stage, ...(region ? { region } : {}) };
              assert.equal(after.resolve(request).provider?.id ?? null, index.resolve(request).provider?.id ?? null);
            }
    }),
    { numRuns: 150 },
  );
});

test.run();
