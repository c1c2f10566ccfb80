// The issuance filters of a query string, checked by the rules the writes use (as the CLI's
// `audit --issued` flags are): a bad one is a 400 naming it, before anything is read.
import * as E from 'fp-ts/lib/Either.js';
import { decodeWith, rules, type IssuanceQuery } from '@providers/sdk';
import { HttpError } from './errors.js';

/** The filters an issuance query string can carry, each with the rule its value must meet (none: any text). */
export const ISSUANCE_FILTERS = {
  provider: undefined,
  accountId: rules.AccountId,
  app: rules.AppName,
  service: rules.ServiceName,
  stage: rules.StageName,
  actor: rules.ActorId,
  since: undefined,
  until: undefined,
} as const;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The issuance query of a query string; a date-only `until` means the end of that day (UTC), as on the CLI. */
export const issuanceQueryOf = (url: URL): IssuanceQuery => {
  const query: Record<string, string> = {};
  for (const [name, rule] of Object.entries(ISSUANCE_FILTERS)) {
    const value = url.searchParams.get(name)?.trim();
    if (!value) continue;
    if (rule !== undefined) {
      const decoded = decodeWith(rule)(value);
      if (E.isLeft(decoded)) throw new HttpError(400, 'InvalidInput', `${name}: ${decoded.left.rule}`, name);
    }
    query[name] = name === 'until' && DATE_ONLY.test(value) ? `${value}T23:59:59.999Z` : value;
  }
  return query;
};
