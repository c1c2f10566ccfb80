// Failures of vending, as typed errors. None of them ever carries a secret value.
import { ProvidersError } from '@providers/domain';
import type { CredentialsWithheld } from './account-check.js';

/** A failure of vending: a `_tag`, a message saying what happened and a hint saying what to do. */
export abstract class VendingFailure extends ProvidersError {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(`${message.replace(/\.+$/, '')}. ${hint}`);
  }
}

/** The scope of a resolution chain that was looked at, with its key. */
export interface ScopeLookedAt {
  readonly scope: string;
  readonly key: string;
}

/** Nothing resolved for the request and the caller did not allow its own credentials. */
export class NoProviderResolved extends VendingFailure {
  readonly _tag = 'NoProviderResolved' as const;
  readonly kind = 'rejected' as const;
  constructor(
    readonly type: string,
    readonly instance: string,
    readonly lookedAt: ReadonlyArray<ScopeLookedAt>,
  ) {
    const scopes = lookedAt.map((link) => `${link.scope} (${link.key})`).join(', ');
    super(
      `no ${type} provider resolves for ${instance}; looked at ${scopes || 'no scope'}`,
      type === 'aws'
        ? 'Link a provider to the service or the instance, set an organization default, or allow the fallback to local credentials'
        : 'Link a provider to the service or the instance, or set an organization default',
    );
  }
}

/** The deployment's scope is linked to the deployer's own credentials on purpose, and the caller did not allow them. */
export class LocalCredentialsOnPurpose extends VendingFailure {
  readonly _tag = 'LocalCredentialsOnPurpose' as const;
  readonly kind = 'rejected' as const;
  constructor(
    readonly type: string,
    readonly instance: string,
    readonly scope: string,
  ) {
    super(
      `${instance} deploys with the deployer's own ${type} credentials on purpose (a local-credentials link at its ${scope})`,
      type === 'aws'
        ? 'Deploy with your own credentials, or allow the fallback to local credentials to have them handed out here'
        : `Use your own ${type} credentials there, or link a provider in place of the local-credentials link`,
    );
  }
}

/** STS refused to let the vending identity assume the role. */
export class RoleAssumptionDenied extends VendingFailure {
  readonly _tag = 'RoleAssumptionDenied' as const;
  readonly kind = 'rejected' as const;
  constructor(
    readonly roleArn: string,
    readonly externalId: string | undefined,
    readonly stsMessage: string,
  ) {
    super(
      `STS denied AssumeRole on ${roleArn}: ${stsMessage}`,
      externalId === undefined
        ? `The trust policy of ${roleArn} does not allow the vending account to assume it`
        : `The trust policy of ${roleArn} must allow the vending account to assume it (sts:AssumeRole, sts:TagSession, sts:SetSourceIdentity) with the condition sts:ExternalId = "${externalId}"`,
    );
  }
}

/** The vending side's own AWS identity is missing, expired, invalid, or cannot use this STS region. */
export class VendingCredentialsInvalid extends VendingFailure {
  readonly _tag = 'VendingCredentialsInvalid' as const;
  readonly kind = 'unavailable' as const;
  constructor(
    readonly code: string,
    detail: string,
    hint: string,
  ) {
    super(`the vending identity cannot call STS (${code}): ${detail}`, hint);
  }
}

/** STS rejected the request itself: a parameter, a policy or the packed session tags. */
export class StsRequestRejected extends VendingFailure {
  readonly _tag = 'StsRequestRejected' as const;
  readonly kind = 'rejected' as const;
  constructor(
    readonly code: string,
    readonly roleArn: string | undefined,
    readonly stsMessage: string,
  ) {
    super(
      `STS rejected the request${roleArn === undefined ? '' : ` for ${roleArn}`} (${code}): ${stsMessage}`,
      code === 'PackedPolicyTooLarge'
        ? 'The session tags and policies are too large once packed; shorten the app, service or stage names'
        : 'Check the provider: role ARN, session duration (900–43200 s, and no more than the role\'s MaxSessionDuration)',
    );
  }
}

/** STS could not be reached, or kept throttling or failing, until the deadline. */
export class StsUnavailable extends VendingFailure {
  readonly _tag = 'StsUnavailable' as const;
  readonly kind = 'unavailable' as const;
  constructor(
    readonly attempts: number,
    readonly lastProblem: string,
  ) {
    super(
      `STS did not answer successfully after ${attempts} attempt${attempts === 1 ? '' : 's'}; last problem: ${lastProblem}`,
      'Retry later; if it persists, check the network path to the STS endpoint and the AWS status page',
    );
  }
}

/** STS answered with something that is not a well-formed reply. */
export class StsResponseMalformed extends VendingFailure {
  readonly _tag = 'StsResponseMalformed' as const;
  readonly kind = 'unavailable' as const;
  constructor(
    readonly action: string,
    detail: string,
  ) {
    super(
      `the reply of STS to ${action} could not be read: ${detail}`,
      'Check that the STS endpoint (sts.endpoint or AWS_ENDPOINT_URL_STS) points at STS and not at a proxy or another service',
    );
  }
}

/** The role can be assumed without the external id: anyone trusted could be tricked into using it. */
export class ConfusedDeputyRisk extends VendingFailure {
  readonly _tag = 'ConfusedDeputyRisk' as const;
  readonly kind = 'rejected' as const;
  constructor(readonly roleArn: string) {
    super(
      `the role ${roleArn} can be assumed without an external id`,
      'Add the condition {"StringEquals": {"sts:ExternalId": "<the provider\'s external id>"}} to the role\'s trust policy (see the IAM template), then verify again',
    );
  }
}

/** The caller's own AWS credentials (the fallback for `none`) could not be loaded. */
export class LocalCredentialsUnavailable extends VendingFailure {
  readonly _tag = 'LocalCredentialsUnavailable' as const;
  readonly kind = 'unavailable' as const;
  constructor(detail: string) {
    super(
      `no local AWS credentials for the fallback: ${detail}`,
      'Configure the AWS SDK default chain (environment, profile, SSO, instance role) or link a provider',
    );
  }
}

/** An input of the IAM template breaks an AWS rule. */
export class IamTemplateInputInvalid extends VendingFailure {
  readonly _tag = 'IamTemplateInputInvalid' as const;
  readonly kind = 'rejected' as const;
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field} is invalid: it must be ${rule}`, `Correct ${field} and generate the template again`);
  }
}

/** An STS endpoint URL (from the environment or the options) that is not an http(s) URL. */
export class StsEndpointInvalid extends VendingFailure {
  readonly _tag = 'StsEndpointInvalid' as const;
  readonly kind = 'usage' as const;
  constructor(readonly field: string) {
    super(
      `${field} is not a valid STS endpoint: it must be an http:// or https:// URL with a host`,
      `Correct ${field} (for example https://sts.us-east-1.amazonaws.com) or unset it to use the regional endpoint`,
    );
  }
}

/** The issuance record of a vend could not be written, so the credentials were not handed out. */
export class IssuanceNotRecorded extends VendingFailure {
  readonly _tag = 'IssuanceNotRecorded' as const;
  readonly kind = 'unavailable' as const;
  constructor(
    readonly orgId: string,
    cause: unknown,
  ) {
    super(
      `the issuance record for org ${orgId} could not be written (${cause instanceof Error ? (cause.message.split('\n')[0] ?? cause.name) : 'unknown failure'}); no credentials were handed out`,
      'Every hand-out is recorded first: check the store (disk space, locks, connectivity), then ask again',
    );
  }
}

/**
 * The account of static keys could not be observed (GetCallerIdentity signed with them), so they
 * were not recorded: STS refused them (`rejected`), or did not answer (`unavailable`).
 */
export class KeysAccountNotObserved extends VendingFailure {
  readonly _tag = 'KeysAccountNotObserved' as const;
  readonly field = 'credentials';
  constructor(
    readonly accessKeyId: string,
    readonly kind: 'rejected' | 'unavailable',
    readonly detail: string,
    readonly why: string,
  ) {
    super(
      `the account of the static keys ${accessKeyId} could not be observed (GetCallerIdentity: ${detail}); ${why}, so nothing was recorded`,
      kind === 'rejected' ? 'Check that the keys are active and given as issued' : 'Check that STS is reachable (sts.endpoint, AWS_ENDPOINT_URL_STS), then try again',
    );
  }
}

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
