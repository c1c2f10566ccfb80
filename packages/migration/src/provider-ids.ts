import { createHash } from 'node:crypto';
import type { DeploymentProfileState } from '@providers/domain';

const MAX_PROVIDER_ID = 64;

/**
 * The id of the provider a profile becomes, unless the caller picks its own:
 * `dp-<profileId>`, or `dph-<digest>` when that would be too long. A function
 * of the profile alone, so every run of the migration names the same provider.
 */
export const defaultProviderIdFor = (profile: Pick<DeploymentProfileState, 'profileId'>): string => {
  const readable = `dp-${profile.profileId}`;
  if (readable.length <= MAX_PROVIDER_ID) return readable;
  return `dph-${createHash('sha256').update(profile.profileId).digest('hex').slice(0, 40)}`;
};
