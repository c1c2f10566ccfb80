import * as E from 'fp-ts/lib/Either.js';
import type { CommandHandler } from '@providers/commands';
import { resolve, validateResolveRequest } from '@providers/domain';
import type { Resolution, ResolveRequest } from '@providers/projections';
import { checkedAsOf } from './as-of.js';
import { InvalidResolveRequest } from './invalid-resolve-request.js';
import type { AsOf } from './read-models.js';

/**
 * Which provider a deployment uses, read on the org state the write side keeps: now, that
 * state as cached and brought up to date by one read of what was appended since (another
 * process's writes included); a past point, the state folded from the nearest snapshot before it.
 * A request that breaks a write's rule is refused as the write would be.
 */
export const resolveDeployment = async (
  handler: CommandHandler,
  ensureMigrated: (orgId: string) => Promise<void>,
  request: ResolveRequest,
  given: AsOf,
): Promise<Resolution> => {
  const valid = validateResolveRequest(request);
  if (E.isLeft(valid)) throw new InvalidResolveRequest(valid.left);
  const asOf = checkedAsOf(given);
  await ensureMigrated(request.orgId);
  if (asOf.position === undefined && asOf.time === undefined) return resolve(await handler.state(request.orgId), request);
  return resolve(await handler.stateAt(request.orgId, asOf), request);
};
