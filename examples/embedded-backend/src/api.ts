// The HTTP API's requests and responses as io-ts codecs, built from the domain's own rules: the
// server decodes requests with them, and clients (the tests) decode responses with them.
import * as t from 'io-ts';
import { rules } from '@providers/domain';

/** POST /api/orgs/:org/providers — an AWS access role (other kinds are added through the SDK). */
export const AddProviderRequest = t.intersection([
  t.strict({ name: rules.ProviderName, type: rules.ProviderType, roleArn: rules.RoleArn }),
  t.partial({ providerId: rules.ProviderId, externalId: rules.ExternalId, sessionDurationSeconds: rules.SessionDurationSeconds }),
]);
export type AddProviderRequest = t.TypeOf<typeof AddProviderRequest>;

/** PUT /api/orgs/:org/default */
export const SetDefaultRequest = t.strict({ providerId: rules.ProviderId });
export type SetDefaultRequest = t.TypeOf<typeof SetDefaultRequest>;

/** POST /api/orgs/:org/links — no stage: the service; a stage: every region of it; a stage and a region: one instance. */
export const LinkRequest = t.intersection([
  t.strict({ providerId: rules.ProviderId, app: rules.AppName, service: rules.ServiceName }),
  t.partial({ stage: rules.StageName, region: rules.AwsRegion, replace: t.boolean }),
]);
export type LinkRequest = t.TypeOf<typeof LinkRequest>;

/** DELETE /api/orgs/:org/links */
export const UnlinkRequest = t.intersection([
  t.strict({ app: rules.AppName, service: rules.ServiceName }),
  t.partial({ stage: rules.StageName, region: rules.AwsRegion, type: rules.ProviderType }),
]);
export type UnlinkRequest = t.TypeOf<typeof UnlinkRequest>;

/** POST /api/orgs/:org/deploy */
export const DeployRequest = t.intersection([
  t.strict({ app: rules.AppName, service: rules.ServiceName, stage: rules.StageName }),
  t.partial({ region: rules.AwsRegion, type: rules.ProviderType }),
]);
export type DeployRequest = t.TypeOf<typeof DeployRequest>;

/** Every error: the typed error's tag, the field it is about when known, and its message. */
export const ErrorResponse = t.strict({ error: t.string, field: t.union([t.string, t.null]), message: t.string });
export type ErrorResponse = t.TypeOf<typeof ErrorResponse>;

/** What a write answers. */
export const WriteResponse = t.strict({ ok: t.literal(true), providerId: t.union([t.string, t.null]) });
export type WriteResponse = t.TypeOf<typeof WriteResponse>;

const Usage = t.strict({ app: t.string, service: t.string, stage: t.union([t.string, t.null]), region: t.union([t.string, t.null]) });

/** A provider as the API shows it: never a secret value. */
export const ProviderView = t.strict({
  id: t.string,
  name: t.string,
  type: t.string,
  accountId: t.union([t.string, t.null]),
  roleArn: t.union([t.string, t.null]),
  defaultFor: t.union([t.string, t.null]),
  usages: t.array(Usage),
});
export type ProviderView = t.TypeOf<typeof ProviderView>;

/** GET /api/orgs/:org/providers */
export const ProvidersResponse = t.strict({ orgId: t.string, providers: t.array(ProviderView) });
export type ProvidersResponse = t.TypeOf<typeof ProvidersResponse>;

/** A provider in a slot of the inheritance picture. */
export const SlotView = t.union([t.strict({ providerId: t.string, name: t.string, accountId: t.union([t.string, t.null]) }), t.null]);
export type SlotView = t.TypeOf<typeof SlotView>;

/** A stage or an instance of the service: what is linked there and what it resolves to, from where. */
export const PlacementView = t.strict({
  stage: t.string,
  region: t.union([t.string, t.null]),
  linked: SlotView,
  resolves: SlotView,
  source: t.string,
});
export type PlacementView = t.TypeOf<typeof PlacementView>;

/** GET /api/orgs/:org/services/:app/:service — org default → service → stages and instances. */
export const PictureResponse = t.strict({
  orgId: t.string,
  app: t.string,
  service: t.string,
  type: t.string,
  orgDefault: SlotView,
  serviceLink: SlotView,
  placements: t.array(PlacementView),
});
export type PictureResponse = t.TypeOf<typeof PictureResponse>;

/** POST /api/orgs/:org/deploy — where the answer came from, and the credentials to deploy with. */
export const DeployResponse = t.strict({
  source: t.string,
  provider: SlotView,
  chain: t.array(t.strict({ scope: t.string, key: t.string, providerId: t.union([t.string, t.null]) })),
  credentials: t.strict({
    accessKeyId: t.string,
    secretAccessKey: t.string,
    sessionToken: t.union([t.string, t.null]),
    expiration: t.union([t.string, t.null]),
  }),
});
export type DeployResponse = t.TypeOf<typeof DeployResponse>;
