import type { Command, PinScope } from '@providers/domain';
import { stamp } from './write-context.js';
import type { PinInput, PinTarget, UnpinInput } from './write-inputs.js';

/**
 * The pin scope a target names: the org without an app, else the service, its
 * stage, or one instance. A target that is none of these (a region without a
 * stage, an app without a service) reaches the codec as given, which names
 * what is missing.
 */
export const pinScopeOf = ({ app, service, stage, region }: PinTarget): PinScope => {
  if (app === undefined && service === undefined && stage === undefined && region === undefined) return { kind: 'org' };
  if (stage === undefined && region === undefined) return { kind: 'service', app: app!, service: service! };
  if (region === undefined) return { kind: 'stage', app: app!, service: service!, stage: stage! };
  return { kind: 'instance', app: app!, service: service!, stage: stage!, region };
};

/** The command that pins a scope. */
export const pinCommand = (input: PinInput): Command => ({ type: 'PinAccount', ...stamp(input), scope: pinScopeOf(input), accountIds: input.accountIds, reason: input.reason });

/** The command that removes a scope's pin. */
export const unpinCommand = (input: UnpinInput): Command => ({ type: 'RemoveAccountPin', ...stamp(input), scope: pinScopeOf(input), reason: input.reason });
