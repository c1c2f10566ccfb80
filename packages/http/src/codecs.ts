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

/** PUT /api/orgs/:org/default — a provider id or name. */
export const SetDefaultRequest = t.strict({ provider: t.string });

/** POST /api/orgs/:org/links — no stage: the service; a stage: every region of it; a stage and a region: one instance. */
export const LinkRequest = optional({ provider: t.string, app: t.string, service: t.string }, { stage: t.string, region: t.string, replace: t.boolean });

/** DELETE /api/orgs/:org/links — the type defaults to aws. */
export const UnlinkRequest = optional({ app: t.string, service: t.string }, { stage: t.string, region: t.string, type: t.string });

/** POST /api/orgs/:org/deploy — resolve and vend one deployment's AWS credentials. */
export const DeployRequest = optional({ app: t.string, service: t.string, stage: t.string }, { region: t.string });
