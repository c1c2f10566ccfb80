import * as t from 'io-ts';
import { ProviderCredentials } from './credentials.js';
import * as fields from './field-groups.js';
import { AccountId, AwsRegion, ProviderId, ProviderName, ProviderType, Reason, RoleArn, StageName, Timestamp } from './rules.js';

const optional = fields.withOptional;

/** Payload codecs, one per event type. The codecs are the truth; DESIGN.md lists them. */
export const eventDataCodecs = {
  ProviderAdded: optional(
    { providerId: ProviderId, name: ProviderName, type: ProviderType, credentials: ProviderCredentials },
    { accountId: AccountId, accountObserved: t.literal(true) },
  ),
  ProviderRenamed: t.readonly(t.strict({ providerId: ProviderId, from: ProviderName, to: ProviderName })),
  // `accountObserved`: static keys' account is the one STS GetCallerIdentity answered for them, not only declared.
  ProviderCredentialsUpdated: optional({ providerId: ProviderId, credentials: ProviderCredentials }, { accountId: AccountId, accountObserved: t.literal(true) }),
  ProviderRemoved: optional({ providerId: ProviderId }, { shredded: t.boolean }),
  DefaultProviderSet: optional({ providerId: ProviderId, type: ProviderType }, { replacedProviderId: ProviderId }),
  DefaultProviderCleared: t.readonly(t.strict({ providerId: ProviderId, type: ProviderType })),
  ProviderLinkedToService: optional(
    { providerId: ProviderId, ...fields.service },
    { replacedProviderId: ProviderId, replacedLocalCredentials: t.literal(true) },
  ),
  ProviderUnlinkedFromService: t.readonly(t.strict({ providerId: ProviderId, ...fields.service })),
  ProviderLinkedToInstance: optional(
    { providerId: ProviderId, ...fields.stage },
    { region: AwsRegion, replacedProviderId: ProviderId, replacedLocalCredentials: t.literal(true) },
  ),
  ProviderUnlinkedFromInstance: optional({ providerId: ProviderId, ...fields.stage }, { region: AwsRegion }),
  // A local-credentials link: at a service, a stage (no region) or one instance, for a provider type.
  LocalCredentialsLinked: optional(
    { type: ProviderType, ...fields.service },
    { stage: StageName, region: AwsRegion, replacedProviderId: ProviderId },
  ),
  LocalCredentialsUnlinked: optional({ type: ProviderType, ...fields.service }, { stage: StageName, region: AwsRegion }),
  AccountPinned: t.readonly(t.strict(fields.pin)),
  AccountPinRemoved: t.readonly(t.strict(fields.pinRemoval)),
  DeploymentProfileCreated: optional(fields.profile, { roleArn: RoleArn }),
  DeploymentProfileUpdated: optional(fields.profile, { roleArn: RoleArn }),
  StageLinkedToDeploymentProfile: t.readonly(t.strict(fields.stageProfile)),
  InstanceDeployed: optional(fields.stage, { region: AwsRegion }),
  DeploymentProfileMigrated: optional(fields.profileMigration, { reason: Reason }),
} as const;

type Codecs = typeof eventDataCodecs;
/** The name of an event type: a past-tense fact. */
export type EventType = keyof Codecs;
/** Every event type the domain records. */
export const EVENT_TYPES = Object.keys(eventDataCodecs) as readonly EventType[];

/** A domain event: its type and its payload. */
export type DomainEvent = { [K in EventType]: { readonly type: K; readonly data: t.TypeOf<Codecs[K]> } }[EventType];
/** The event of one type. */
export type EventOf<K extends EventType> = Extract<DomainEvent, { type: K }>;

/** The schema version every event type is written at today; older versions are upcast on read. */
export const CURRENT_SCHEMA_VERSION: { readonly [K in EventType]: number } = {
  ProviderAdded: 1,
  ProviderRenamed: 1,
  ProviderCredentialsUpdated: 1,
  ProviderRemoved: 1,
  DefaultProviderSet: 1,
  DefaultProviderCleared: 1,
  ProviderLinkedToService: 1,
  ProviderUnlinkedFromService: 1,
  ProviderLinkedToInstance: 1,
  ProviderUnlinkedFromInstance: 1,
  LocalCredentialsLinked: 1,
  LocalCredentialsUnlinked: 1,
  AccountPinned: 1,
  AccountPinRemoved: 1,
  DeploymentProfileCreated: 1,
  DeploymentProfileUpdated: 1,
  StageLinkedToDeploymentProfile: 1,
  InstanceDeployed: 1,
  DeploymentProfileMigrated: 1,
};

/** Who did it, when, as part of which command; stored beside every event. */
export const EventMetadata = t.readonly(
  t.intersection([
    t.strict({ schemaVersion: t.number, eventId: t.string, ...fields.actedBy, occurredAt: Timestamp }),
    t.partial(fields.tracing),
  ]),
);
/** Who did it, when, as part of which command. */
export type EventMetadata = t.TypeOf<typeof EventMetadata>;

/** An event with its metadata: what `evolve` folds. */
export interface EventEnvelope {
  readonly event: DomainEvent;
  readonly metadata: EventMetadata;
}

/** Tells a known event type from any other string. */
export const isEventType = (type: string): type is EventType => Object.prototype.hasOwnProperty.call(eventDataCodecs, type);
