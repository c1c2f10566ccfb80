import * as E from 'fp-ts/lib/Either.js';
import { invalidInput, type InvalidInput } from '@providers/domain';

/**
 * How far a command's `issuedAt` may be from the store's time (the clock of
 * the process that appends): 15 minutes either way, the skew AWS Signature
 * Version 4 accepts. Further out, a writer's clock is wrong, or the command is
 * a replay of an old one: recording it would date an event where an auditor
 * filtering by time does not look.
 */
export const MAX_CLOCK_SKEW_MS = 15 * 60_000;

/**
 * The time recorded for the events of a command: its `issuedAt` when that is
 * plausible, moved up to the stream's latest recorded time when it is earlier,
 * so that times never go back within a stream. Then "the events up to time T"
 * is a prefix of every stream (an as-of answer is a state that existed), and
 * no writer within the bound can date an event before one already recorded.
 */
export const recordedTime = (issuedAt: string, now: number, latestRecorded: string): E.Either<InvalidInput, string> => {
  const issued = Date.parse(issuedAt);
  const skew = issued - now;
  if (!Number.isFinite(issued)) return E.left(invalidInput('issuedAt', 'must be an ISO 8601 time with a zone'));
  if (Math.abs(skew) > MAX_CLOCK_SKEW_MS) {
    const minutes = Math.round(Math.abs(skew) / 60_000);
    return E.left(
      invalidInput(
        'issuedAt',
        `is ${minutes} minutes ${skew > 0 ? 'ahead of' : 'behind'} the store's time (${new Date(now).toISOString()}); a command may be at most ${MAX_CLOCK_SKEW_MS / 60_000} minutes off — check the writer's clock`,
      ),
    );
  }
  const latest = latestRecorded === '' ? Number.NEGATIVE_INFINITY : Date.parse(latestRecorded);
  return E.right(issued < latest ? new Date(latest).toISOString() : new Date(issued).toISOString());
};
