// One hand-out of credentials, as it is put on record before the credentials are returned: who
// asked, for which deployment, which provider and account, which session, until when. It holds no
// secret by construction (no field of it can carry one), so the record can be read by auditors.
import { StoreFailure, type Json, type RecordedEvent } from '@providers/store';

/** What was handed out; `withheld`: nothing, because the account was not one the deployment's pins allow. */
export type IssuanceKind = 'assumed-role' | 'static-keys' | 'secret-fields' | 'local-fallback' | 'withheld';

/** Why a `withheld` attempt handed nothing out: where the account was read, what was allowed, the message given. */
export interface Withheld {
  readonly check: 'role-arn' | 'assumed-role' | 'static-keys' | 'local-fallback';
  readonly expectedAccountIds: readonly string[];
  readonly reason: string;
}

/** The deployment the credentials were for. */
export interface IssuedFor {
  readonly app: string;
  readonly service: string;
  readonly stage: string;
  readonly region?: string;
  readonly type: string;
}

/** A `CredentialsIssued` record. */
export interface Issuance {
  readonly orgId: string;
  /** The requesting actor (`null` when the caller named none). */
  readonly actor: string | null;
  /** Which client asked: `cli`, `sdk`, `serverless-v3`, … */
  readonly client: string;
  readonly request: IssuedFor;
  readonly providerId: string | null;
  /** The provider's name at the time. */
  readonly providerName: string | null;
  /** The account of what was handed out; for a `withheld` attempt, the account seen (null: none could be told). */
  readonly accountId: string | null;
  readonly kind: IssuanceKind;
  readonly withheld?: Withheld;
  readonly sessionName?: string;
  readonly sourceIdentity?: string;
  readonly expiresAt?: string;
  readonly stsRequestId?: string;
  /** The credentials came from the session cache: this hand-out made no STS call. */
  readonly fromCache: boolean;
  readonly occurredAt: string;
}

/** The event type of an issuance record. */
export const CREDENTIALS_ISSUED = 'CredentialsIssued';

/** The stream of an org's issuance records, beside (not in) its decision stream. */
export const issuanceStream = (orgId: string): string => `providers-issuance-${orgId}`;

const KINDS: ReadonlySet<string> = new Set<IssuanceKind>(['assumed-role', 'static-keys', 'secret-fields', 'local-fallback', 'withheld']);
const CHECKS: ReadonlySet<unknown> = new Set<Withheld['check']>(['role-arn', 'assumed-role', 'static-keys', 'local-fallback']);

/** The event's data and metadata (the actor and the time are metadata, as on every event). */
export const issuanceEventBody = (issuance: Issuance): { data: Json; metadata: Json } => {
  const { orgId, actor, occurredAt, request, withheld, ...rest } = issuance;
  return {
    data: { orgId, request: { ...request }, ...rest, ...(withheld ? { withheld: { ...withheld, expectedAccountIds: [...withheld.expectedAccountIds] } } : {}) },
    metadata: { actor: actor === null ? null : { id: actor }, occurredAt },
  };
};

type Loose = Record<string, unknown>;
const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string';
const optionalText = (value: unknown): boolean => value === undefined || isText(value);
const nullableText = (value: unknown): boolean => value === null || isText(value);

const isWithheld = (value: unknown): value is Withheld =>
  isObject(value) &&
  CHECKS.has(value['check']) &&
  Array.isArray(value['expectedAccountIds']) &&
  value['expectedAccountIds'].every(isText) &&
  isText(value['reason']);

const isIssuedFor = (value: unknown): value is IssuedFor =>
  isObject(value) && isText(value['app']) && isText(value['service']) && isText(value['stage']) && optionalText(value['region']) && isText(value['type']);

/** The record an event holds; a `StoreFailure` naming its position when it is not one. */
export const issuanceOf = (event: RecordedEvent): Issuance => {
  const data = event.data;
  const metadata = event.metadata;
  const actor = isObject(metadata) && isObject(metadata['actor']) ? metadata['actor']['id'] : null;
  const occurredAt = isObject(metadata) ? metadata['occurredAt'] : undefined;
  const valid =
    event.type === CREDENTIALS_ISSUED &&
    isObject(data) &&
    isText(data['orgId']) &&
    isText(data['client']) &&
    isIssuedFor(data['request']) &&
    nullableText(data['providerId']) &&
    nullableText(data['providerName']) &&
    nullableText(data['accountId']) &&
    isText(data['kind']) &&
    KINDS.has(data['kind']) &&
    (data['kind'] === 'withheld' ? isWithheld(data['withheld']) : data['withheld'] === undefined) &&
    optionalText(data['sessionName']) &&
    optionalText(data['sourceIdentity']) &&
    optionalText(data['expiresAt']) &&
    optionalText(data['stsRequestId']) &&
    typeof data['fromCache'] === 'boolean' &&
    nullableText(actor) &&
    isText(occurredAt);
  if (!valid) throw new StoreFailure(`the issuance record at position ${event.position} (${event.type}) cannot be read`);
  return { ...(data as unknown as Omit<Issuance, 'actor' | 'occurredAt'>), actor: actor as string | null, occurredAt: occurredAt as string };
};
