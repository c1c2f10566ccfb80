// Retention of the issuance log: an org's records older than an age are removed from its issuance
// stream, and nothing else is touched (the decision stream, the other orgs' logs, the positions
// of the records that stay). The cut is made at the first record that is not older than the
// cutoff, so no younger record is ever removed; the store keeps a stream's last record, so that
// the stream's numbering goes on.
import { errorClass, rules } from '@providers/domain';
import type { EventStore } from '@providers/store';
import { issuanceOf, issuanceStream } from './issuance.js';

/** Which records to prune. */
export interface IssuancePrune {
  readonly orgId: string;
  /** An age: whole days (`90d`) or hours (`36h`). Records that occurred before now minus it go. */
  readonly olderThan: string;
  /** Now, in milliseconds since the epoch. Default: the clock of this process. */
  readonly now?: number;
}

/** What a prune removed and kept. */
export interface IssuancePruned {
  readonly orgId: string;
  /** Records that occurred before this time (ISO 8601) were pruned. */
  readonly cutoff: string;
  readonly pruned: number;
  /** The org's records left in its log. */
  readonly kept: number;
}

/** A prune that cannot be understood; nothing was removed. */
export class InvalidIssuancePrune extends errorClass('InvalidIssuancePrune', 'usage', (field: 'orgId' | 'olderThan' | 'now', rule: string) => ({
  fields: { field, rule },
  message: `issuance prune ${field}: ${rule}`,
})) {}

const HOUR_MS = 3_600_000;
const AGE = /^([1-9][0-9]{0,5})([dh])$/;
const MAX_AGE_DAYS = 36_500;

const cutoffOf = (prune: IssuancePrune): number => {
  if (!rules.OrgId.is(prune.orgId)) {
    throw new InvalidIssuancePrune('orgId', 'an organization id of 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit');
  }
  const now = prune.now ?? Date.now();
  if (!Number.isSafeInteger(now) || now < 0) throw new InvalidIssuancePrune('now', 'milliseconds since the epoch, a whole number');
  const age = typeof prune.olderThan === 'string' ? AGE.exec(prune.olderThan) : null;
  const hours = age === null ? Number.NaN : Number(age[1]) * (age[2] === 'd' ? 24 : 1);
  if (!(hours <= MAX_AGE_DAYS * 24)) {
    throw new InvalidIssuancePrune('olderThan', `an age in whole days (90d) or hours (36h), from 1h to ${MAX_AGE_DAYS}d`);
  }
  return now - hours * HOUR_MS;
};

/**
 * Removes the org's issuance records that occurred before `now - olderThan`, through the store's
 * `truncateStreamBefore`; running it again removes nothing more. Records are cut in log order, at
 * the first one that is not older: a record written out of time order (a writer's clock behind)
 * waits for a later prune rather than a younger one going with it.
 */
export const pruneIssuance = async (store: EventStore, prune: IssuancePrune): Promise<IssuancePruned> => {
  const cutoff = cutoffOf(prune);
  const stream = issuanceStream(prune.orgId);
  let records = 0;
  let last: bigint | undefined;
  let keepFrom: bigint | undefined;
  let older = 0;
  for await (const page of store.readStream(stream)) {
    for (const event of page) {
      records++;
      last = event.revision;
      if (keepFrom !== undefined) continue;
      if (Date.parse(issuanceOf(event).occurredAt) >= cutoff) keepFrom = event.revision;
      else older++;
    }
  }
  const summary = { orgId: prune.orgId, cutoff: new Date(cutoff).toISOString() };
  if (last === undefined) return { ...summary, pruned: 0, kept: 0 };
  // Every record older: the store keeps the last one all the same.
  const pruned = keepFrom === undefined ? older - 1 : older;
  if (pruned > 0) await store.truncateStreamBefore(stream, keepFrom ?? last);
  return { ...summary, pruned, kept: records - pruned };
};
