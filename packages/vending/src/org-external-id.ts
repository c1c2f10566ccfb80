// The external id of an org's access roles, generated once and then stable: the IAM template is
// printed (and deployed) before any provider exists, and the provider added afterwards must send
// the same id. It is recorded in a stream of its own, beside the org's decision stream, because
// choosing it is not a decision of the domain (no rule depends on it) and it is not secret.
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
 * The org's external id: the recorded one; else `proposed` (the id the org's access roles already
 * use, for orgs older than the record, or one proposed earlier) or a fresh one, recorded first. Concurrent first calls
 * agree: the stream must not exist yet, and the loser reads the winner's.
 */
export const orgExternalId = async (store: EventStore, orgId: string, proposed?: string): Promise<string> => {
  checkOrgId(orgId);
  const recorded = await recordedExternalId(store, orgId);
  if (recorded !== undefined) return recorded;
  const externalId = proposed ?? generateExternalId(orgId);
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
