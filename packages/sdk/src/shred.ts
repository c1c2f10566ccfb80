import type { EventEnvelope } from '@providers/domain';
import { toEnvelope } from '@providers/projections';
import type { SecretSealer } from '@providers/secrets';
import type { RecordedEvent } from '@providers/store';
import { dataKeyId } from './org-external-id.js';

/** Deletes the data key of the provider a removal with `shred` has just recorded. */
export const shredRemovedProvider = async (sealer: SecretSealer, orgId: string, events: readonly EventEnvelope[]): Promise<void> => {
  for (const { event } of events) if (event.type === 'ProviderRemoved' && event.data.shredded) await sealer.shred(dataKeyId(orgId, event.data.providerId));
};

/**
 * Deletes the data key of every provider of the org removed with `shred`
 * whose key is still there (a crash after the removal was recorded leaves
 * it); returns the key ids it deleted. Running it again deletes nothing.
 */
export const shredRemoved = async (sealer: SecretSealer, orgId: string, history: readonly RecordedEvent[]): Promise<readonly string[]> => {
  const shredded: string[] = [];
  for (const recorded of history) {
    if (recorded.type !== 'ProviderRemoved') continue;
    const { event } = toEnvelope(recorded);
    if (event.type !== 'ProviderRemoved' || !event.data.shredded) continue;
    const keyId = dataKeyId(orgId, event.data.providerId);
    if (!(await sealer.hasKey(keyId))) continue;
    await sealer.shred(keyId);
    shredded.push(keyId);
  }
  return shredded;
};
