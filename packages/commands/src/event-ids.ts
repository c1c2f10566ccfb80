import { createHash } from 'node:crypto';

/**
 * A deterministic UUID (version 5 layout, SHA-1 over a name) for the n-th
 * event of a command: a retried append carries the same ids, so a store that
 * deduplicates by event id (EventStoreDB does) appends it once.
 */
export const eventIdFor = (orgId: string, commandId: string, index: number): string => {
  const hash = createHash('sha1').update(`providers\0${orgId}\0${commandId}\0${index}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};
