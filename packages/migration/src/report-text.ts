import type { ImportReport } from './import.js';
import type { MigrationLink } from './plan-links.js';
import type { MigrationReport } from './report.js';

/** How to print a migration. */
export interface MigrationTextOptions {
  /** The report is a plan: nothing was appended. */
  readonly dryRun?: boolean;
  /** One line per decision, with its reason, however large the migration. */
  readonly verbose?: boolean;
  /** The import of the legacy export that came first, if there was one. */
  readonly imported?: ImportReport;
}

/** Up to this many decisions are listed one per line without `verbose`; a larger migration prints its counts. */
export const DECISIONS_LISTED = 30;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const placeOf = (link: { app: string; service: string; stage?: string }) => [link.app, link.service, link.stage].filter(Boolean).join('/');

/** Nothing to import and nothing to migrate: an org migrated already. */
const isNothingToDo = (report: MigrationReport, imported: ImportReport | undefined) =>
  report.commandsPending === 0 && (imported === undefined || imported.eventsAppended === 0);

const linkCounts = (links: readonly MigrationLink[]) => {
  const local = links.filter((l) => l.providerId === null).length;
  const service = links.filter((l) => l.scope === 'service' && l.providerId !== null).length;
  return [plural(service, 'service link'), plural(links.length - local - service, 'stage link'), plural(local, 'local-credentials link')].join(', ');
};

/** Every decision of the migration, one line each, with its reason. */
const decisionLines = (report: MigrationReport): string[] => {
  const names = new Map<string, string>();
  for (const p of [...report.providersCreated, ...report.providersReused]) names.set(p.providerId, p.name);
  const provider = (id: string) => `provider "${names.get(id) ?? id}"`;
  return [
    ...report.providersCreated.map((p) => `create ${provider(p.providerId)} (account ${p.accountId}) from profile ${p.profileId}`),
    ...report.providersReused.map((p) => `reuse ${provider(p.providerId)} for profile ${p.profileId}: it has the same role ARN`),
    ...report.renamed.map((r) => `name profile "${r.profile}"'s provider "${r.name}": ${r.reason}`),
    ...report.links.map((l) =>
      l.providerId === null
        ? `local credentials at stage ${placeOf(l)}: ${l.reason}`
        : `${l.scope} link ${placeOf(l)} → ${provider(l.providerId)}: ${l.reason}`,
    ),
    ...report.withoutServiceLink.map((s) => `no service link for ${placeOf(s)}: ${s.reason}`),
    ...report.linksKept.map((l) => `keep the ${l.scope} link at ${placeOf(l)}: ${l.reason}`),
    ...report.linksSkipped.map((l) => `skip the ${l.scope} link ${placeOf(l)} → ${provider(l.providerId ?? '')}: ${l.reason}`),
    ...report.skipped.map((s) => `skip profile ${s.profileId}: ${s.reason}`),
  ];
};

/**
 * A migration as lines for a person: what it does (a dry run) or did, with
 * counts, and every decision with its reason when the migration is small or
 * `verbose` asks. A migration with nothing left to do says so in one line
 * instead of repeating the plan. The CLI prints these lines as they are.
 */
export const migrationText = (report: MigrationReport, options: MigrationTextOptions = {}): string[] => {
  const { imported } = options;
  const pinned = report.linksSkipped.length > 0 ? `, ${plural(report.linksSkipped.length, 'link')} not made for an account pin` : '';
  const migrated = `${plural(report.providersCreated.length + report.providersReused.length, 'provider')}, ${linkCounts(report.links)}${pinned}, ${plural(report.skipped.length, 'profile')} skipped`;
  if (isNothingToDo(report, imported)) return [`organization ${report.orgId}: nothing to do, it is migrated already (${migrated})`];
  const lines = [options.dryRun ? `plan for organization ${report.orgId} (dry run: nothing appended)` : `migrated organization ${report.orgId}`];
  if (imported)
    lines.push(
      `  legacy export: ${plural(imported.profilesCreated, 'profile')} recorded, ${imported.profilesUpdated} updated, ${plural(imported.stagesLinked, 'stage mapping')}, ${plural(imported.instancesRecorded, 'instance')}`,
    );
  lines.push(
    `  providers: ${report.providersCreated.length} to create, ${report.providersReused.length} reused; ${plural(report.skipped.length, 'profile')} skipped (no role)`,
    `  links: ${linkCounts(report.links)}; ${plural(report.linksKept.length, 'existing link')} kept;${report.linksSkipped.length > 0 ? ` ${plural(report.linksSkipped.length, 'link')} skipped for an account pin;` : ''} ${plural(report.withoutServiceLink.length, 'service')} without a service link`,
  );
  const decisions = decisionLines(report);
  if (options.verbose || decisions.length <= DECISIONS_LISTED) lines.push(...decisions.map((line) => `    - ${line}`));
  else lines.push(`  (${plural(decisions.length, 'decision')}; --verbose lists each with its reason)`);
  if (!options.dryRun) lines.push(`  events appended: ${report.eventsAppended + (imported?.eventsAppended ?? 0)}`);
  return lines;
};
