import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { rules } from '@providers/domain';
import { pathOf, pathStep } from './file-path.js';
import { listOf, strictObject } from './strict-object.js';

/** The key of `stages` that maps the app's default stage. */
export const DEFAULT_STAGE = 'default';

/** A problem in a legacy export file: where it is in the file, and the rule it breaks. */
export interface LegacyExportInvalid {
  readonly _tag: 'LegacyExportInvalid';
  /** The path in the file, e.g. `apps[0].services[1].instances[2].region`; empty for the file as a whole. */
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

const invalid = (field: string, rule: string): LegacyExportInvalid => ({
  _tag: 'LegacyExportInvalid',
  field,
  rule,
  message: field === '' ? `the export file: ${rule}` : `${field}: ${rule}`,
});

const isPlainObject = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u);

const stageKeyRule = (key: string): string | undefined => {
  if (key === DEFAULT_STAGE) return undefined;
  const checked = rules.StageName.validate(key, []);
  return E.isLeft(checked) ? `"${key.slice(0, 64)}" is not a stage: ${checked.left[0]?.message ?? 'not a stage name'} (or "default")` : undefined;
};

// Checked by hand: io-ts records silently drop keys that fail a refined key codec.
const StageMap = new t.Type<Readonly<Record<string, string>>, Readonly<Record<string, string>>, unknown>(
  'a map of stage name → deployment profile id',
  (u): u is Readonly<Record<string, string>> =>
    isPlainObject(u) && Object.entries(u).every(([key, value]) => stageKeyRule(key) === undefined && rules.DeploymentProfileId.is(value)),
  (u, c) => {
    if (!isPlainObject(u)) return t.failure(u, c, 'a map of stage name → deployment profile id (a JSON object)');
    const stages: Record<string, string> = {};
    for (const [key, value] of Object.entries(u)) {
      const context = [...c, { key, type: rules.DeploymentProfileId, actual: value }];
      const keyRule = stageKeyRule(key);
      if (keyRule !== undefined) return t.failure(value, context, keyRule);
      const profileId = rules.DeploymentProfileId.validate(value, context);
      if (E.isLeft(profileId)) return profileId;
      stages[key] = profileId.right;
    }
    return t.success(stages);
  },
  t.identity,
);

/** A deployed instance: a stage, and a region unless it is a component instance. */
export const LegacyInstance = strictObject('an instance', { stage: rules.StageName }, { region: rules.AwsRegion });

/** A service of an app and the instances it has been deployed to. */
export const LegacyService = strictObject(
  'a service',
  { name: rules.ServiceName },
  { instances: listOf('a list of instances', LegacyInstance) },
);

/** An app: which deployment profile each stage uses (`default` for the rest), and its services. */
export const LegacyApp = strictObject(
  'an app',
  { name: rules.AppName },
  { stages: StageMap, services: listOf('a list of services', LegacyService) },
);

/** A deployment profile; one without `awsAccessRoleArn` deployed with the deployer's own credentials. */
export const LegacyProfile = strictObject(
  'a deployment profile',
  { id: rules.DeploymentProfileId, name: rules.DeploymentProfileName },
  { awsAccessRoleArn: rules.RoleArn },
);

/** The JSON export of the deployment-profile model that `providers migrate --from` reads (README.md documents it). */
export const LegacyExportCodec = strictObject(
  'a legacy export',
  { org: rules.OrgId, deploymentProfiles: listOf('a list of deployment profiles', LegacyProfile) },
  { apps: listOf('a list of apps', LegacyApp) },
);

/** A legacy export that passed every rule of the format. */
export type LegacyExport = t.TypeOf<typeof LegacyExportCodec>;
/** A deployment profile of the export. */
export type LegacyProfile = t.TypeOf<typeof LegacyProfile>;
/** An app of the export. */
export type LegacyApp = t.TypeOf<typeof LegacyApp>;

const firstError = (errors: t.Errors): LegacyExportInvalid => {
  const error = errors.find((e) => e.message !== undefined) ?? errors[0];
  if (!error) return invalid('', 'is not a valid legacy export');
  const rule =
    error.value === undefined
      ? `is required${error.message ? `: ${error.message}` : ''}`
      : (error.message ?? `must be ${error.context[error.context.length - 1]?.type.name ?? 'a valid value'}`);
  return invalid(pathOf(error.context), rule);
};

/** What the codec cannot see: ids used twice, names used twice, stages mapped to profiles the file does not have. */
const referenceError = (legacy: LegacyExport): LegacyExportInvalid | undefined => {
  const profileIndex = new Map<string, number>();
  for (const [i, profile] of legacy.deploymentProfiles.entries()) {
    const first = profileIndex.get(profile.id);
    if (first !== undefined)
      return invalid(`deploymentProfiles[${i}].id`, `the id "${profile.id}" is used by deploymentProfiles[${first}] already`);
    profileIndex.set(profile.id, i);
  }
  const appIndex = new Map<string, number>();
  for (const [i, app] of (legacy.apps ?? []).entries()) {
    const first = appIndex.get(app.name);
    if (first !== undefined) return invalid(`apps[${i}].name`, `the app "${app.name}" is listed at apps[${first}] already`);
    appIndex.set(app.name, i);
    for (const [stage, profileId] of Object.entries(app.stages ?? {}))
      if (!profileIndex.has(profileId))
        return invalid(pathStep(`apps[${i}].stages`, stage, false), `no deployment profile "${profileId}" in deploymentProfiles`);
    const serviceIndex = new Map<string, number>();
    for (const [j, service] of (app.services ?? []).entries()) {
      const seen = serviceIndex.get(service.name);
      if (seen !== undefined)
        return invalid(`apps[${i}].services[${j}].name`, `the service "${service.name}" is listed at apps[${i}].services[${seen}] already`);
      serviceIndex.set(service.name, j);
    }
  }
  return undefined;
};

/** Checks a parsed export against the format and its references; the error names the path in the file. */
export const decodeLegacyExport = (input: unknown): E.Either<LegacyExportInvalid, LegacyExport> => {
  const decoded = LegacyExportCodec.decode(input);
  if (E.isLeft(decoded)) return E.left(firstError(decoded.left));
  const problem = referenceError(decoded.right);
  return problem ? E.left(problem) : E.right(decoded.right);
};

/** Parses the text of an export file (JSON) and checks it. */
export const parseLegacyExport = (text: string): E.Either<LegacyExportInvalid, LegacyExport> => {
  let parsed: unknown;
  try {
    // Editors on Windows save UTF-8 with a byte-order mark, which JSON.parse refuses.
    parsed = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    // Only the position: the parser's own message quotes the file's text.
    const position = error instanceof Error ? /position (\d+)/.exec(error.message)?.[1] : undefined;
    return E.left(invalid('', position === undefined ? 'is not valid JSON' : `is not valid JSON (at character ${position})`));
  }
  return decodeLegacyExport(parsed);
};
