import { UsageError } from './cli-errors.js';

/**
 * A flag that takes a whole number: anything but digits is a usage error
 * naming the flag (exit 2), for every such flag alike. Whether the number is
 * in range is the rule's to say (exit 1), as for any other value.
 */
export const wholeNumber = (flag: string, value: unknown): number => {
  const text = String(value);
  if (!/^\d{1,15}$/.test(text)) throw new UsageError(`--${flag} takes a whole number (digits), not ${JSON.stringify(text)}`, flag);
  return Number(text);
};
