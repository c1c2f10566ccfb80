import * as E from 'fp-ts/lib/Either.js';
import { decodeWith, rules, type AuditQuery } from '@providers/sdk';
import { Rejected } from '../cli-errors.js';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A filter value checked by the same rule the writes use; a bad one is refused naming its flag (exit 1). */
const checked = (flag: string, codec: typeof rules.AccountId, value: unknown): string | undefined => {
  if (value === undefined) return undefined;
  const decoded = decodeWith(codec)(String(value));
  if (E.isLeft(decoded)) throw refused(flag, decoded.left.rule);
  return String(value);
};

const refused = (field: string, rule: string) => new Rejected({ _tag: 'InvalidInput', field, rule, message: `--${field}: ${rule}` });

/**
 * The audit query the flags ask for. Both ends of the time range are
 * inclusive: a date-only --until means the end of that day (UTC), as a
 * date-only --since means its start.
 */
export const auditFiltersOf = (orgId: string, o: Record<string, unknown>): AuditQuery => {
  const parts = o.service === undefined ? [] : String(o.service).split('/');
  if (o.service !== undefined && parts.length !== 2) throw refused('service', 'give the service as app/service');
  const app = checked('service', rules.AppName, parts[0]);
  const service = checked('service', rules.ServiceName, parts[1]);
  const since = o.since === undefined ? undefined : String(o.since);
  const until = o.until === undefined ? undefined : DATE_ONLY.test(String(o.until)) ? `${String(o.until)}T23:59:59.999Z` : String(o.until);
  if (since !== undefined && until !== undefined && Date.parse(since) > Date.parse(until)) throw refused('since', `--since ${since} is after --until ${until}`);
  const query = {
    orgId,
    accountId: checked('account', rules.AccountId, o.account),
    provider: o.provider === undefined ? undefined : String(o.provider),
    app,
    service,
    stage: checked('stage', rules.StageName, o.stage),
    actor: checked('by', rules.ActorId, o.by),
    since,
    until,
  };
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)) as AuditQuery;
};
