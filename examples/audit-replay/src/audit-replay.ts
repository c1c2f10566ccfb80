// "Who linked which AWS account to what, when": a replay of the store into the library's audit trail.
import type { AuditFact, Providers } from '@providers/sdk';

/** What to replay: one org (its stream only) or every org, optionally one account. */
export interface ReplayOptions {
  readonly orgId?: string;
  readonly accountId?: string;
  /** The provider type to report on; `aws` unless said. */
  readonly type?: string;
}

/** Replays the store and returns every link, unlink and default of the type, oldest first. */
export const replayLinkFacts = async (providers: Providers, options: ReplayOptions = {}): Promise<AuditFact[]> => {
  const facts = await providers.audit({
    actions: ['linked', 'unlinked', 'default-set', 'default-cleared'],
    ...(options.orgId !== undefined ? { orgId: options.orgId } : {}),
    ...(options.accountId !== undefined ? { accountId: options.accountId } : {}),
  });
  return facts.filter((fact) => fact.providerType === (options.type ?? 'aws'));
};

const provider = (name: string | null | undefined, accountId: string | null | undefined): string =>
  `${name ?? '(unknown provider)'} [${accountId ?? 'no account'}]`;

const target = (fact: AuditFact): string =>
  fact.scope === null ? fact.orgId : fact.scope.kind === 'org-default' ? `${fact.orgId} as its default` : `${fact.orgId} ${fact.scope.key}`;

/** One fact as a line: when, who (role), what, which provider and account, where, and what it replaced. */
export const describeFact = (fact: AuditFact): string => {
  const who = `${fact.actor.id} (${fact.actor.role})`;
  const what = provider(fact.providerName, fact.accountId);
  const replaced = fact.replacedProviderId !== undefined ? `, replacing ${provider(fact.replacedProviderName, fact.replacedAccountId)}` : '';
  switch (fact.action) {
    case 'linked':
      return `${fact.at}  ${who} linked ${what} to ${target(fact)}${replaced}`;
    case 'unlinked':
      return `${fact.at}  ${who} unlinked ${what} from ${target(fact)}`;
    case 'default-set':
      return `${fact.at}  ${who} set ${what} as the default of ${fact.orgId}${replaced}`;
    case 'default-cleared':
      return `${fact.at}  ${who} cleared ${what} as the default of ${fact.orgId}`;
    default:
      return `${fact.at}  ${who} ${fact.action} ${what}`;
  }
};
