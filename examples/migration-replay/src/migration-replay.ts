// A legacy export → its dry run → the migration → every deployed instance resolved before and after.
import * as E from 'fp-ts/lib/Either.js';
import { parseLegacyExport, type ImportError, type ImportReport, type LegacyApp, type LegacyExport, type MigrationReport, type Providers } from '@providers/sdk';

/** What a deployment used: a role's account, or the deployer's own credentials. */
export interface Answer {
  /** The deployment profile (before) or provider (after) that answered, if any. */
  readonly by: string | null;
  readonly roleArn: string | null;
  /** Where the answer came from: the app's stage mapping or `default` before; the resolution's scope after. */
  readonly from: string;
  /** After: a local-credentials link answered (the deployer's own credentials, on purpose). */
  readonly local?: true;
}

/** A stage no export mentions: a service's first deployment there after the migration must land where the legacy model would have put it. */
export const NEW_STAGE = 'int';

/** One instance of the export (or of a stage never deployed), as the legacy model and then the providers answer it. */
export interface InstanceComparison {
  readonly instance: string;
  /** The export never mentions this stage: a first deployment after the migration. */
  readonly newStage: boolean;
  /** The legacy model's answer (stage mapping, else the app's default profile). */
  readonly legacy: Answer;
  /** Resolution before the migration: the providers model has nothing yet. */
  readonly before: Answer;
  /** Resolution after the migration. */
  readonly after: Answer;
  /** The migration kept the answer: the same role, or still the deployer's own credentials. */
  readonly same: boolean;
}

/** The whole replay. */
export interface MigrationReplay {
  readonly dryRun: MigrationReport;
  /** Events in the store after the dry run: it must append nothing. */
  readonly eventsAfterDryRun: number;
  /** The export recorded as legacy events (profiles, stage mappings, deployed instances). */
  readonly imported: ImportReport;
  readonly migration: MigrationReport;
  readonly instances: readonly InstanceComparison[];
}

const legacyAnswer = (file: LegacyExport, app: LegacyApp, stage: string): Answer => {
  const mapped = app.stages?.[stage];
  const profileId = mapped ?? app.stages?.default;
  const profile = file.deploymentProfiles.find((p) => p.id === profileId);
  return { by: profile?.name ?? null, roleArn: profile?.awsAccessRoleArn ?? null, from: profile === undefined ? 'none' : mapped !== undefined ? 'stage' : 'default' };
};

const countEvents = async (providers: Providers, orgId: string): Promise<number> => (await providers.history(orgId)).length;

/** Replays a legacy export into the library's store: the dry run, the migration, and the answers before and after. */
export const replayMigration = async (providers: Providers, exportText: string): Promise<E.Either<ImportError, MigrationReplay>> => {
  const file = parseLegacyExport(exportText);
  if (E.isLeft(file)) return file;
  const orgId = file.right.org;
  const options = { orgId, legacyExport: file.right, issuedAt: new Date().toISOString() };

  const instances = (file.right.apps ?? []).flatMap((app) =>
    (app.services ?? []).flatMap((service) => [
      ...(service.instances ?? []).map((i) => ({ app, service: service.name, stage: i.stage, newStage: false, ...(i.region !== undefined ? { region: i.region } : {}) })),
      { app, service: service.name, stage: NEW_STAGE, newStage: true },
    ]),
  );
  const resolveAll = () =>
    Promise.all(
      instances.map(async ({ app, newStage: _new, ...where }): Promise<Answer> => {
        const resolution = await providers.resolve({ orgId, app: app.name, ...where });
        const credentials = resolution.provider?.credentials;
        return {
          by: resolution.provider?.name ?? null,
          roleArn: credentials?.kind === 'aws-role' ? credentials.roleArn : null,
          from: resolution.source,
          ...(resolution.local ? { local: true as const } : {}),
        };
      }),
    );

  const before = await resolveAll();
  const dryRun = await providers.migrate({ ...options, dryRun: true });
  if (E.isLeft(dryRun)) return dryRun;
  const eventsAfterDryRun = await countEvents(providers, orgId);
  const migrated = await providers.migrate(options);
  if (E.isLeft(migrated)) return migrated;
  const after = await resolveAll();

  return E.right({
    dryRun: dryRun.right.migration,
    eventsAfterDryRun,
    imported: migrated.right.imported,
    migration: migrated.right.migration,
    instances: instances.map(({ app, service, stage, region, newStage }, n) => {
      const legacy = legacyAnswer(file.right, app, stage);
      return {
        instance: [app.name, service, stage, region].filter((part) => part !== undefined).join('/'),
        newStage,
        legacy,
        before: before[n]!,
        after: after[n]!,
        same: legacy.roleArn === after[n]!.roleArn,
      };
    }),
  });
};

const answerText = (a: Answer): string =>
  a.roleArn === null ? `own credentials (${a.local ? `local link at ${a.from}` : a.from})` : `${a.by} ${a.roleArn.split(':')[4]} (${a.from})`;

const placeText = (link: { readonly app: string; readonly service: string; readonly stage?: string }): string =>
  [link.app, link.service, link.stage].filter(Boolean).join('/');

/** The replay as the lines the script prints. */
export const describeReplay = (replay: MigrationReplay): string[] => {
  const { dryRun, migration } = replay;
  return [
    `dry run: ${dryRun.commandsPending} commands pending, ${dryRun.providersCreated.length} providers to create, ${dryRun.links.length} links, ${dryRun.skipped.length} skipped; ${replay.eventsAfterDryRun} events in the store`,
    `import: ${replay.imported.eventsAppended} legacy events appended (${replay.imported.profilesCreated} profiles, ${replay.imported.stagesLinked} stage mappings, ${replay.imported.instancesRecorded} instances)`,
    `migration: ${migration.eventsAppended} events appended`,
    ...migration.providersCreated.map((p) => `  provider ${p.providerId} "${p.name}" account ${p.accountId} (from profile ${p.profileId})`),
    ...migration.links.map((l) =>
      l.providerId === null
        ? `  local credentials ${l.app}/${l.service}/${l.stage}: ${l.reason}`
        : `  ${l.scope} link ${placeText(l)} → ${l.providerId}: ${l.reason}`,
    ),
    ...migration.linksSkipped.map((l) => `  ${l.scope} link ${placeText(l)} not made (an account pin): ${l.reason}`),
    ...migration.linksKept.map((l) => `  ${l.scope} link ${placeText(l)} kept as it was: ${l.reason}`),
    ...migration.withoutServiceLink.map((w) => `  no service link ${w.app}/${w.service}: ${w.reason}`),
    ...migration.skipped.map((s) => `  skipped profile ${s.profileId}: ${s.reason}`),
    'instance | legacy | before | after',
    ...replay.instances.map(
      (i) => `${i.same ? '=' : '≠'} ${i.instance}${i.newStage ? ' (never deployed)' : ''} | ${answerText(i.legacy)} | ${answerText(i.before)} | ${answerText(i.after)}`,
    ),
  ];
};
