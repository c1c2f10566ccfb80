import type { IamTemplateInput } from '@providers/vending';

/** The access role template of an org: its external id is filled in, the trusted account by default too. */
export interface OrgIamTemplateInput extends Partial<Pick<IamTemplateInput, 'trustedAccountId'>>, Omit<IamTemplateInput, 'trustedAccountId' | 'externalId'> {
  readonly orgId: string;
  /** Default: the org's external id (generated once, then stable). */
  readonly externalId?: string;
}

/** Where an org's template gets what it does not say: the org's external id, the vending identity's account. */
export interface TemplateDefaults {
  externalIdOf(orgId: string): Promise<string>;
  vendingAccountId(): Promise<string>;
}

/**
 * The CloudFormation template of an access role for the org: its external id
 * (recorded only once the options are accepted) and by default the vending
 * identity's account (GetCallerIdentity) as the trusted account.
 */
export const orgIamTemplate = async (input: OrgIamTemplateInput, defaults: TemplateDefaults): Promise<object> => {
  const { iamTemplate, validateIamTemplateOptions } = await import('@providers/vending');
  const { orgId, trustedAccountId, externalId, ...rest } = input;
  validateIamTemplateOptions(input);
  return iamTemplate({
    ...rest,
    trustedAccountId: trustedAccountId ?? (await defaults.vendingAccountId()),
    externalId: externalId ?? (await defaults.externalIdOf(orgId)),
  });
};
