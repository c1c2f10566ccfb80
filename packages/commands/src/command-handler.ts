import * as E from 'fp-ts/lib/Either.js';
import {
  CURRENT_SCHEMA_VERSION,
  decide,
  orgStream,
  validateCommand,
  type Command,
  type DomainError,
  type EventEnvelope,
  type OrgState,
} from '@providers/domain';
import { WrongExpectedRevision, type EventStore, type NewEvent } from '@providers/store';
import { eventIdFor } from './event-ids.js';
import { recordedTime } from './event-time.js';
import { OrgStates, type HistoryPoint, type OrgStatesOptions } from './org-states.js';

/** What an accepted command did. `events` is empty when it changed nothing (or was a repeat). */
export interface CommandResult {
  readonly events: readonly EventEnvelope[];
  /** The org stream's revision after the command. */
  readonly revision: bigint;
  /** The global position of the last event appended, when any was. */
  readonly position?: bigint;
  /** How many times the command was decided (more than once after a concurrent write). */
  readonly attempts: number;
}

/** The command lost the race for the stream revision more times than allowed. */
export class ConcurrencyExhausted extends Error {
  readonly _tag = 'ConcurrencyExhausted' as const;
  constructor(readonly orgId: string, readonly attempts: number) {
    super(`organization ${orgId} kept changing under this command: gave up after ${attempts} attempts`);
    this.name = 'ConcurrencyExhausted';
  }
}

/** How the command handler retries a command that lost a race for its org's stream, and where org states are snapshotted. */
export interface CommandHandlerOptions extends OrgStatesOptions {
  /** How many times a command is re-decided after losing a race for the stream (default 8). */
  readonly maxAttempts?: number;
  /** The store's time in ms (default Date.now): commands dated too far from it are refused, see event-time.ts. */
  readonly clock?: () => number;
}

/**
 * The write side: load the org's state (cached, tail-read), decide, append with
 * the revision decided on; on a conflict reload and decide again. A rejection
 * by a rule is final and appends nothing. Infrastructure failures throw.
 */
export class CommandHandler {
  private readonly states: OrgStates;
  private readonly maxAttempts: number;
  private readonly clock: () => number;
  /** One command at a time per org in this process; other processes are kept honest by the expected revision. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: EventStore,
    options: CommandHandlerOptions = {},
  ) {
    this.states = new OrgStates(store, options);
    this.maxAttempts = options.maxAttempts ?? 8;
    this.clock = options.clock ?? Date.now;
  }

  /** Decides and records one command. */
  execute(input: Command): Promise<E.Either<DomainError, CommandResult>> {
    const validated = validateCommand(input);
    if (E.isLeft(validated)) return Promise.resolve(validated);
    const command = validated.right;
    return this.serialized(command.orgId, () => this.decideAndAppend(command));
  }

  /** The org's current state, for lookups (provider by name, usages). Do not mutate it. */
  state(orgId: string): Promise<OrgState> {
    return this.serialized(orgId, () => this.states.current(orgId));
  }

  /** The org's state at a point of its history (a prefix of its stream), from the nearest snapshot before it. */
  stateAt(orgId: string, point: HistoryPoint): Promise<OrgState> {
    return this.states.at(orgId, point);
  }

  /** Replays every org from the log and snapshots each (`providers rebuild`); returns how many orgs. */
  rebuildStates(): Promise<number> {
    return this.states.rebuildAll();
  }

  private async decideAndAppend(command: Command): Promise<E.Either<DomainError, CommandResult>> {
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const state = await this.states.current(command.orgId);
      const decision = decide(command, state);
      if (E.isLeft(decision)) return decision;
      const revision = state.revision;
      if (decision.right.length === 0) return E.right({ events: [], revision: BigInt(revision), attempts: attempt });
      const occurredAt = recordedTime(command.issuedAt, this.clock(), this.states.latestTime(command.orgId));
      if (E.isLeft(occurredAt)) return occurredAt;
      const envelopes: EventEnvelope[] = decision.right.map((event, index) => ({
        event,
        metadata: {
          schemaVersion: CURRENT_SCHEMA_VERSION[event.type],
          eventId: eventIdFor(command.orgId, command.commandId, index),
          commandId: command.commandId,
          actor: command.actor,
          occurredAt: occurredAt.right,
          ...(command.correlationId ? { correlationId: command.correlationId } : {}),
          ...(command.causationId ? { causationId: command.causationId } : {}),
        },
      }));
      const events: NewEvent[] = envelopes.map(({ event, metadata }) => ({
        eventId: metadata.eventId,
        type: event.type,
        data: event.data as NewEvent['data'],
        metadata: metadata as unknown as NewEvent['metadata'],
      }));
      try {
        const appended = await this.store.append(orgStream(command.orgId), events, BigInt(revision));
        this.states.fold(command.orgId, envelopes, revision, appended.position);
        return E.right({ events: envelopes, revision: appended.revision, position: appended.position, attempts: attempt });
      } catch (error) {
        // Another writer got there first: the next attempt reads its events and decides again.
        if (!(error instanceof WrongExpectedRevision)) throw error;
      }
    }
    throw new ConcurrencyExhausted(command.orgId, this.maxAttempts);
  }

  private serialized<T>(orgId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(orgId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(orgId, settled);
    void settled.then(() => {
      if (this.queues.get(orgId) === settled) this.queues.delete(orgId);
    });
    return next;
  }
}

export type { OrgState };
