// The onboarding check of an access role (section 7): the role must be assumable with the
// provider's external id, and must NOT be assumable without it. A role whose trust policy lacks the
// sts:ExternalId condition would let anyone who can talk the vending account into assuming it act
// in the customer's account (the confused deputy). The check sends the same kind of tags and
// source identity vending sends, so a trust policy without sts:TagSession fails here too.
import { ConfusedDeputyRisk, RoleAssumptionDenied } from './errors.js';
import { sourceIdentityOf } from './session-name.js';
import { sanitizeTagValue, type SessionTag } from './session-tags.js';
import { createStsGateway, type StsGateway, type StsOptions } from './sts-gateway.js';

/** The role to check. */
export interface VerifyRoleInput {
  readonly roleArn: string;
  readonly externalId: string;
  /** Sent as the `org` session tag, as vending will. */
  readonly orgId?: string;
  /** Sent as the SourceIdentity, as vending will. */
  readonly actor?: string;
}

/** A role that passed the check. */
export interface RoleVerified {
  readonly roleArn: string;
  readonly externalId: string;
  readonly assumedRoleArn: string;
}

const verificationSessionName = 'providers-onboarding-check';
// The shortest session STS grants: the credentials are thrown away at once anyway.
const verificationDurationSeconds = 900;

/** Runs the onboarding check through an existing STS gateway. */
export const verifyRoleWith = async (gateway: StsGateway, input: VerifyRoleInput): Promise<RoleVerified> => {
  const tags: SessionTag[] = input.orgId === undefined ? [] : [{ Key: 'org', Value: sanitizeTagValue(input.orgId) }];
  const attempt = (externalId: string | undefined) =>
    gateway.assumeRole({
      roleArn: input.roleArn,
      sessionName: verificationSessionName,
      durationSeconds: verificationDurationSeconds,
      tags,
      ...(externalId === undefined ? {} : { externalId }),
      ...(input.actor === undefined ? {} : { sourceIdentity: sourceIdentityOf(input.actor) }),
    });

  const withExternalId = await attempt(input.externalId);
  try {
    await attempt(undefined);
  } catch (error) {
    if (error instanceof RoleAssumptionDenied) {
      return { roleArn: input.roleArn, externalId: input.externalId, assumedRoleArn: withExternalId.assumedRoleArn };
    }
    throw error;
  }
  throw new ConfusedDeputyRisk(input.roleArn);
};

/** Runs the onboarding check with its own STS connection (for use before any provider exists). */
export const verifyRole = async (input: VerifyRoleInput, sts?: StsOptions): Promise<RoleVerified> => {
  const gateway = createStsGateway(sts);
  try {
    return await verifyRoleWith(gateway, input);
  } finally {
    gateway.close();
  }
};
