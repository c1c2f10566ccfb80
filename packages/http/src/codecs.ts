// The shapes of the API's requests, as io-ts codecs. They check shape only (which fields, of which
// JSON type): the values are checked by the domain's rules, whose messages the answers carry.
import * as t from 'io-ts';

const optional = <P extends t.Props, Q extends t.Props>(required: P, partial: Q) => t.intersection([t.strict(required), t.partial(partial)]);

/** Credentials in plain text: an access role, static keys, or another vendor's secret fields. */
export const CredentialsRequest = t.union([
  optional({ kind: t.literal('aws-role'), roleArn: t.string }, { externalId: t.string, sessionDurationSeconds: t.number }),
  t.strict({ kind: t.literal('aws-keys'), accessKeyId: t.string, secretAccessKey: t.string }),
  t.strict({ kind: t.literal('secret'), fields: t.record(t.string, t.string) }),
]);

/** POST /api/orgs/:org/providers */
export const AddProviderRequest = optional({ name: t.string, type: t.string, credentials: CredentialsRequest }, { accountId: t.string });

/** PUT /api/orgs/:org/providers/:provider/credentials */
export const UpdateCredentialsRequest = optional({ credentials: CredentialsRequest }, { accountId: t.string });

/** PUT /api/orgs/:org/providers/:provider/name */
export const RenameRequest = t.strict({ name: t.string });

/** PUT /api/orgs/:org/default — a provider id or name; `replace` to swap out the default already set. */
export const SetDefaultRequest = optional({ provider: t.string }, { replace: t.boolean });

/** POST /api/orgs/:org/links — no stage: the service; a stage: every region of it; a stage and a region: one instance. */
export const LinkRequest = optional({ provider: t.string, app: t.string, service: t.string }, { stage: t.string, region: t.string, replace: t.boolean });

/** DELETE /api/orgs/:org/links — the type defaults to aws. */
export const UnlinkRequest = optional({ app: t.string, service: t.string }, { stage: t.string, region: t.string, type: t.string });

/** POST /api/orgs/:org/deploy — resolve and vend one deployment's AWS credentials. */
export const DeployRequest = optional({ app: t.string, service: t.string, stage: t.string }, { region: t.string });

/** POST /api/orgs/:org/local-links — deploy with the deployer's own credentials at a service, stage or instance; the type defaults to aws. */
export const LinkLocalRequest = optional({ app: t.string, service: t.string }, { stage: t.string, region: t.string, type: t.string, replace: t.boolean });

/** Where a pin applies: no app for the whole org, else a service, a stage of it, or one instance. */
const PinTargetProps = { app: t.string, service: t.string, stage: t.string, region: t.string };

/** PUT /api/orgs/:org/pins — the accounts a scope's deployments may use, and why (admins only). */
export const PinRequest = optional({ accountIds: t.array(t.string), reason: t.string }, PinTargetProps);

/** DELETE /api/orgs/:org/pins — a scope's pin to remove, and why (admins only). */
export const UnpinRequest = optional({ reason: t.string }, PinTargetProps);

/** POST /api/orgs/:org/issuance/prune — the age past which the org's issuance records go (`90d`, `36h`; admins only). */
export const PruneIssuanceRequest = t.strict({ olderThan: t.string });

/** POST /api/orgs/:org/migration — a legacy export (its JSON text, or the object), migrated, or with `dryRun` only planned (admins only). */
export const MigrationRequest = optional({ legacyExport: t.union([t.string, t.UnknownRecord]) }, { dryRun: t.boolean });
