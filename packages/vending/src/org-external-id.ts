// The external id of an org's access roles, generated once and then stable: the IAM template is
// printed (and deployed) before any provider exists, and the provider added afterwards must send
// the same id. It is recorded in a stream of its own, beside the org's decision stream, because
// choosing it is not a decision of the domain (no rule depends on it) and it is not secret. The
// record is the one place the id is chosen: it is appended only if the stream does not exist yet,
// so of any number of writers in any number of processes exactly one records, and the others
// read what it recorded.
import { randomBytes, randomUUID } from 'node:crypto';
import { rules } from '@providers/domain';
import { StoreFailure, WrongExpectedRevision, type EventStore } from '@providers/store';
import { IamTemplateInputInvalid } from './errors.js';

/** The stream holding an org's external id. */
export const externalIdStream = (orgId: string): string => `providers-external-id-${orgId}`;

const EVENT_TYPE = 'OrgExternalIdGenerated';

/** The org's recorded external id, if one was recorded; nothing is written. */
export const recordedExternalId = async (store: EventStore, orgId: string): Promise<string | undefined> => {
  for await (const page of store.readStream(externalIdStream(orgId))) {
    const first = page[0];
    if (first === undefined) continue;
    const data = first.data as { externalId?: unknown } | null;
    const externalId = data?.externalId;
    if (first.type !== EVENT_TYPE || typeof externalId !== 'string' || !rules.ExternalId.is(externalId)) {
      throw new StoreFailure(`the external id of org ${orgId} at position ${first.position} cannot be read (${first.type})`);
    }
    return externalId;
  }
  return undefined;
};

const checkOrgId = (orgId: string): void => {
  if (!rules.OrgId.is(orgId)) {
    throw new IamTemplateInputInvalid('orgId', 'an organization id of 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit');
  }
};

/** A fresh external id: unique per org, and unguessable, as AWS asks of third parties. */
export const generateExternalId = (orgId: string): string => {
  checkOrgId(orgId);
  return `${orgId}-${randomBytes(16).toString('hex')}`;
};

/**
 * The first of `roleExternalIds` that `generateExternalId` made for `orgId` (`<orgId>-` and 32
 * hex digits): an id an admin chose for one role has another shape, and stays that role's own.
 */
const generatedAmong = (orgId: string, roleExternalIds: Iterable<string>): string | undefined => {
  for (const externalId of roleExternalIds) {
    if (externalId.startsWith(`${orgId}-`) && /^[0-9a-f]{32}$/.test(externalId.slice(orgId.length + 1))) return externalId;
  }
  return undefined;
};

/**
 * The external id the org's next access role would get, without writing anything: the recorded
 * one; else, for an org whose roles predate the record, the first of `roleExternalIds` (the ids of
 * its access roles now) that the system generated for it, never one an admin chose; else a fresh
 * one. Until `keepOrgExternalId` accepts it, it is only a proposal.
 */
export const proposedOrgExternalId = async (store: EventStore, orgId: string, roleExternalIds: Iterable<string>): Promise<string> => {
  checkOrgId(orgId);
  return (await recordedExternalId(store, orgId)) ?? generatedAmong(orgId, roleExternalIds) ?? generateExternalId(orgId);
};

/** Records `externalId` as the org's if the org has none yet; answers the org's recorded id either way. */
const recordFirst = async (store: EventStore, orgId: string, externalId: string): Promise<string> => {
  const recorded = await recordedExternalId(store, orgId);
  if (recorded !== undefined) return recorded;
  try {
    await store.append(
      externalIdStream(orgId),
      [{ eventId: randomUUID(), type: EVENT_TYPE, data: { externalId }, metadata: { occurredAt: new Date().toISOString() } }],
      0n,
    );
    return externalId;
  } catch (error) {
    if (!(error instanceof WrongExpectedRevision)) throw error;
    const winner = await recordedExternalId(store, orgId);
    if (winner === undefined) throw error;
    return winner;
  }
};

/**
 * Makes `externalId` the org's, if the org has none yet: true when it is the org's recorded id
 * (recorded now, or before), false when another one was recorded first (propose again: the
 * proposal is then the recorded one). Appends only to the org's external-id stream, and only when
 * that stream does not exist yet.
 */
export const keepOrgExternalId = async (store: EventStore, orgId: string, externalId: string): Promise<boolean> => {
  checkOrgId(orgId);
  if (typeof externalId !== 'string' || !rules.ExternalId.is(externalId)) {
    throw new IamTemplateInputInvalid('externalId', '2–1224 characters of letters, digits and _+=,.@:/-');
  }
  return (await recordFirst(store, orgId, externalId)) === externalId;
};

/** The org's external id, recorded now if it had none (`proposedOrgExternalId`, or what another writer recorded first). */
export const orgExternalIdForRoles = async (store: EventStore, orgId: string, roleExternalIds: Iterable<string>): Promise<string> =>
  recordFirst(store, orgId, await proposedOrgExternalId(store, orgId, roleExternalIds));

/**
 * The org's external id: the recorded one; else `proposed` (the id the org's access roles already
 * use, for orgs older than the record, or one proposed earlier) or a fresh one, recorded first.
 * Concurrent first calls agree: the stream must not exist yet, and the loser reads the winner's.
 */
export const orgExternalId = async (store: EventStore, orgId: string, proposed?: string): Promise<string> => {
  checkOrgId(orgId);
  return recordFirst(store, orgId, proposed ?? generateExternalId(orgId));
};
