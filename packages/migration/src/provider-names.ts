import { nameKey } from '@providers/domain';

const MAX_PROVIDER_NAME = 64;
const trimToAlphanumeric = (s: string): string => s.replace(/^[^A-Za-z0-9]+/, '').replace(/[^A-Za-z0-9]+$/, '');

/**
 * The provider name closest to a profile's name. Profile names allow any
 * printable character and 128 of them; provider names allow letters, digits,
 * spaces, ".", "_" and "-", 64 of them, starting and ending with a letter or
 * digit.
 */
export const providerNameFor = (profileName: string): string => {
  const replaced = profileName.replace(/[^A-Za-z0-9 ._-]/g, '-');
  return trimToAlphanumeric(trimToAlphanumeric(replaced).slice(0, MAX_PROVIDER_NAME)) || 'profile';
};

/**
 * `name` if no provider holds it (regardless of case), else the first free
 * `name-2`, `name-3`, …: deterministic, so a re-run picks what the first run did.
 */
export const freeProviderName = (name: string, taken: ReadonlySet<string>): string => {
  if (!taken.has(nameKey(name))) return name;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${trimToAlphanumeric(name.slice(0, MAX_PROVIDER_NAME - suffix.length))}${suffix}`;
    if (!taken.has(nameKey(candidate))) return candidate;
  }
};
