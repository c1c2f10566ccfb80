// Failures of vending, as typed errors. None of them ever carries a secret value.
import { ProvidersError, errorClass, type ErrorParts, type FailureKind } from '@providers/domain';
import type { CredentialsWithheld } from './account-check.js';

/** A failure of vending: a `_tag`, a message saying what happened and a hint saying what to do. */
export abstract class VendingFailure extends ProvidersError {
  /** What to do about it; the message ends with it. */
  abstract readonly hint: string;
}

/** What a vending failure's arguments make: its fields, what happened, and what to do about it. */
export interface VendingFailureParts<Fields extends object> extends Omit<ErrorParts<Fields>, 'cause'> {
  readonly hint: string;
}

/** `errorClass` for a `VendingFailure`: the hint is kept as `hint` and closes the message. */
export const vendingFailure = <
  const Tag extends string,
  const Kind extends FailureKind,
  Args extends unknown[],
  const Fields extends object = Record<never, never>,
>(
  tag: Tag,
  kind: Kind | ((fields: Readonly<Fields>) => Kind),
  parts: (...args: Args) => VendingFailureParts<Fields>,
) =>
  errorClass<Tag, Kind, Args, Fields & { readonly hint: string }, typeof VendingFailure>(
    tag,
    kind,
    (...args) => {
      const { fields, message, hint } = parts(...args);
      return { fields: { ...(fields as Fields), hint }, message: `${message.replace(/\.+$/, '')}. ${hint}` };
    },
    VendingFailure,
  );

/** The scope of a resolution chain that was looked at, with its key. */
export interface ScopeLookedAt {
  readonly scope: string;
  readonly key: string;
}

/** Nothing resolved for the request and the caller did not allow its own credentials. */
export class NoProviderResolved extends vendingFailure(
  'NoProviderResolved',
  'rejected',
  (type: string, instance: string, lookedAt: ReadonlyArray<ScopeLookedAt>) => ({
    fields: { type, instance, lookedAt },
    message: `no ${type} provider resolves for ${instance}; looked at ${lookedAt.map((link) => `${link.scope} (${link.key})`).join(', ') || 'no scope'}`,
    hint:
      type === 'aws'
        ? 'Link a provider to the service or the instance, set an organization default, or allow the fallback to local credentials'
        : 'Link a provider to the service or the instance, or set an organization default',
  }),
) {}

/** The deployment's scope is linked to the deployer's own credentials on purpose, and the caller did not allow them. */
export class LocalCredentialsOnPurpose extends vendingFailure('LocalCredentialsOnPurpose', 'rejected', (type: string, instance: string, scope: string) => ({
  fields: { type, instance, scope },
  message: `${instance} deploys with the deployer's own ${type} credentials on purpose (a local-credentials link at its ${scope})`,
  hint:
    type === 'aws'
      ? 'Deploy with your own credentials, or allow the fallback to local credentials to have them handed out here'
      : `Use your own ${type} credentials there, or link a provider in place of the local-credentials link`,
})) {}

/** STS refused to let the vending identity assume the role. */
export class RoleAssumptionDenied extends vendingFailure(
  'RoleAssumptionDenied',
  'rejected',
  (roleArn: string, externalId: string | undefined, stsMessage: string) => ({
    fields: { roleArn, externalId, stsMessage },
    message: `STS denied AssumeRole on ${roleArn}: ${stsMessage}`,
    hint:
      externalId === undefined
        ? `The trust policy of ${roleArn} does not allow the vending account to assume it`
        : `The trust policy of ${roleArn} must allow the vending account to assume it (sts:AssumeRole, sts:TagSession, sts:SetSourceIdentity) with the condition sts:ExternalId = "${externalId}"`,
  }),
) {}

/** The vending side's own AWS identity is missing, expired, invalid, or cannot use this STS region. */
export class VendingCredentialsInvalid extends vendingFailure('VendingCredentialsInvalid', 'unavailable', (code: string, detail: string, hint: string) => ({
  fields: { code },
  message: `the vending identity cannot call STS (${code}): ${detail}`,
  hint,
})) {}

/** STS rejected the request itself: a parameter, a policy or the packed session tags. */
export class StsRequestRejected extends vendingFailure(
  'StsRequestRejected',
  'rejected',
  (code: string, roleArn: string | undefined, stsMessage: string) => ({
    fields: { code, roleArn, stsMessage },
    message: `STS rejected the request${roleArn === undefined ? '' : ` for ${roleArn}`} (${code}): ${stsMessage}`,
    hint:
      code === 'PackedPolicyTooLarge'
        ? 'The session tags and policies are too large once packed; shorten the app, service or stage names'
        : "Check the provider: role ARN, session duration (900–43200 s, and no more than the role's MaxSessionDuration)",
  }),
) {}

/** STS could not be reached, or kept throttling or failing, until the deadline. */
export class StsUnavailable extends vendingFailure('StsUnavailable', 'unavailable', (attempts: number, lastProblem: string) => ({
  fields: { attempts, lastProblem },
  message: `STS did not answer successfully after ${attempts} attempt${attempts === 1 ? '' : 's'}; last problem: ${lastProblem}`,
  hint: 'Retry later; if it persists, check the network path to the STS endpoint and the AWS status page',
})) {}

/** STS answered with something that is not a well-formed reply. */
export class StsResponseMalformed extends vendingFailure('StsResponseMalformed', 'unavailable', (action: string, detail: string) => ({
  fields: { action },
  message: `the reply of STS to ${action} could not be read: ${detail}`,
  hint: 'Check that the STS endpoint (sts.endpoint or AWS_ENDPOINT_URL_STS) points at STS and not at a proxy or another service',
})) {}

/** The role can be assumed without the external id: anyone trusted could be tricked into using it. */
export class ConfusedDeputyRisk extends vendingFailure('ConfusedDeputyRisk', 'rejected', (roleArn: string) => ({
  fields: { roleArn },
  message: `the role ${roleArn} can be assumed without an external id`,
  hint: 'Add the condition {"StringEquals": {"sts:ExternalId": "<the provider\'s external id>"}} to the role\'s trust policy (see the IAM template), then verify again',
})) {}

/** The caller's own AWS credentials (the fallback for `none`) could not be loaded. */
export class LocalCredentialsUnavailable extends vendingFailure('LocalCredentialsUnavailable', 'unavailable', (detail: string) => ({
  message: `no local AWS credentials for the fallback: ${detail}`,
  hint: 'Configure the AWS SDK default chain (environment, profile, SSO, instance role) or link a provider',
})) {}

/** An input of the IAM template breaks an AWS rule. */
export class IamTemplateInputInvalid extends vendingFailure('IamTemplateInputInvalid', 'rejected', (field: string, rule: string) => ({
  fields: { field, rule },
  message: `${field} is invalid: it must be ${rule}`,
  hint: `Correct ${field} and generate the template again`,
})) {}

/** An STS endpoint URL (from the environment or the options) that is not an http(s) URL. */
export class StsEndpointInvalid extends vendingFailure('StsEndpointInvalid', 'usage', (field: string) => ({
  fields: { field },
  message: `${field} is not a valid STS endpoint: it must be an http:// or https:// URL with a host`,
  hint: `Correct ${field} (for example https://sts.us-east-1.amazonaws.com) or unset it to use the regional endpoint`,
})) {}

/** The issuance record of a vend could not be written, so the credentials were not handed out. The cause is named in the message (its first line), not attached. */
export class IssuanceNotRecorded extends vendingFailure('IssuanceNotRecorded', 'unavailable', (orgId: string, cause: unknown) => ({
  fields: { orgId },
  message: `the issuance record for org ${orgId} could not be written (${cause instanceof Error ? (cause.message.split('\n')[0] ?? cause.name) : 'unknown failure'}); no credentials were handed out`,
  hint: 'Every hand-out is recorded first: check the store (disk space, locks, connectivity), then ask again',
})) {}

/**
 * The account of static keys could not be observed (GetCallerIdentity signed with them), so they
 * were not recorded: STS refused them (`rejected`), or did not answer (`unavailable`).
 */
export class KeysAccountNotObserved extends vendingFailure(
  'KeysAccountNotObserved',
  (fields) => fields.kind,
  (accessKeyId: string, kind: 'rejected' | 'unavailable', detail: string, why: string) => ({
    fields: { field: 'credentials', accessKeyId, kind, detail, why },
    message: `the account of the static keys ${accessKeyId} could not be observed (GetCallerIdentity: ${detail}); ${why}, so nothing was recorded`,
    hint: kind === 'rejected' ? 'Check that the keys are active and given as issued' : 'Check that STS is reachable (sts.endpoint, AWS_ENDPOINT_URL_STS), then try again',
  }),
) {}

/** Every failure vending reports. */
export type VendingError =
  | NoProviderResolved
  | LocalCredentialsOnPurpose
  | RoleAssumptionDenied
  | VendingCredentialsInvalid
  | StsRequestRejected
  | StsUnavailable
  | StsResponseMalformed
  | ConfusedDeputyRisk
  | LocalCredentialsUnavailable
  | IamTemplateInputInvalid
  | StsEndpointInvalid
  | IssuanceNotRecorded
  | KeysAccountNotObserved
  | CredentialsWithheld;

/** Whether a thrown value is one of vending's typed failures. */
export const isVendingError = (error: unknown): error is VendingError => error instanceof VendingFailure;
