/**
 * The port counts revisions from 1 (a stream's revision is its number of
 * events, 0n when empty or missing); EventStoreDB numbers events from 0 and
 * says "no stream" where the port says 0n. Global positions are the commit
 * positions of `$all`, which since v20 are the events' own log positions:
 * strictly increasing, and valid places to read from.
 */
import { ANY, NO_STREAM, START, type AppendExpectedRevision, type Position, type ReadPosition } from '@eventstore/db-client';
import { StoreFailure, type ExpectedRevision } from '@providers/store';

/** The expected revision EventStoreDB checks for the port's `expected`. */
export const toEsdbExpectedRevision = (stream: string, expected: ExpectedRevision): AppendExpectedRevision => {
  if (expected === 'any') return ANY;
  if (typeof expected !== 'bigint' || expected < 0n) {
    throw new StoreFailure(`cannot append to ${stream}: the expected revision must be 'any' or a revision of 0n or more`);
  }
  return expected === 0n ? NO_STREAM : expected - 1n;
};

/** The port revision of an EventStoreDB event number. */
export const fromEsdbRevision = (revision: bigint): bigint => revision + 1n;

/** The port revision of a stream EventStoreDB reports as at `current`. */
export const fromEsdbCurrentRevision = (current: bigint | 'no_stream'): bigint => (current === 'no_stream' ? 0n : current + 1n);

/** The EventStoreDB event number to start reading at, to read the events after port revision `after`. */
export const esdbRevisionAfter = (after: bigint | undefined): bigint => (after === undefined || after < 0n ? 0n : after);

/** The `$all` position of a port position (0n: the start). */
export const toEsdbPosition = (position: bigint): ReadPosition => (position <= 0n ? START : esdbPosition(position));

/** An exact `$all` position: commit and prepare positions coincide for every event written since v20. */
export const esdbPosition = (position: bigint): Position => ({ commit: position, prepare: position });
