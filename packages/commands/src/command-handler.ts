import * as E from 'fp-ts/lib/Either.js';
import {
  CURRENT_SCHEMA_VERSION,
  decide,
  orgStream,
  validateCommand,
  type Command,
  type DomainError,
  type DomainEvent,
  type EventEnvelope,
  type OrgState,
} from '@providers/domain';
import { WrongExpectedRevision, type EventStore, type NewEvent } from '@providers/store';
import { eventIdFor } from './event-ids.js';
import { recordedTime } from './event-time.js';
import { OrgStates, type HistoryPoint, type OrgStatesOptions } from './org-states.js';
import { retryDelayMs } from './retry-delay.js';
import { errorClass } from '@providers/domain';

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
export class ConcurrencyExhausted extends errorClass('ConcurrencyExhausted', 'unavailable', (orgId: string, attempts: number) => ({
  fields: { orgId, attempts },
  message: `organization ${orgId} kept changing under this command: gave up after ${attempts} attempts`,
})) {}

/** How the command handler retries a command that lost a race for its org's stream, and where org states are snapshotted. */
export interface CommandHandlerOptions extends OrgStatesOptions {
  /** How many times a command is re-decided after losing a race for the stream (default 8). */
  readonly maxAttempts?: number;
  /** The store's time in ms (default Date.now): commands dated too far from it are refused, see event-time.ts. */
  readonly clock?: () => number;
  /** How long to wait after the n-th lost race before deciding again, in ms (default `retryDelayMs`: growing, with jitter). */
  readonly retryDelay?: (lost: number) => number;
}

/** A command built from the org's state by a prepare step, and what it needs kept before it is appended. */
export interface Prepared {
  readonly command: Command;
  /**
   * Runs once the decision accepts, just before the append: keeps what the
   * command needs outside the log (a new data key its secrets are sealed
   * with). False means it could not, and the command is prepared again.
   */
  readonly keep?: () => Promise<boolean>;
}

/**
 * How a command is made from the org's state, one attempt at a time: check
 * and seal in `prepare`, then the handler decides and appends. `release`
 * runs when the command ends up not recorded (a rule rejected it, perhaps
 * after a conflict, or it changed nothing), with the state it was decided on,
 * so that whatever `keep` stored can go.
 */
export interface Preparation {
  readonly orgId: string;
  prepare(state: OrgState): Promise<E.Either<DomainError, Prepared>>;
  release?(state: OrgState): Promise<void>;
}

/**
 * The write side: load the org's state (cached, tail-read), prepare, decide,
 * append with the revision decided on; on a conflict reload, prepare and
 * decide again. A rejection by a rule is final and appends nothing.
 * Infrastructure failures throw.
 */
export class CommandHandler {
  private readonly states: OrgStates;
  private readonly maxAttempts: number;
  private readonly clock: () => number;
  private readonly retryDelay: (lost: number) => number;
  /** One command at a time per org in this process; other processes are kept honest by the expected revision. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: EventStore,
    options: CommandHandlerOptions = {},
  ) {
    this.states = new OrgStates(store, options);
    this.maxAttempts = options.maxAttempts ?? 8;
    this.clock = options.clock ?? Date.now;
    this.retryDelay = options.retryDelay ?? retryDelayMs;
  }

  /** Decides and records one command. */
  execute(command: Command): Promise<E.Either<DomainError, CommandResult>> {
    return this.transact({ orgId: command.orgId, prepare: async () => E.right({ command }) });
  }

  /** Prepares a command from the org's state, decides and records it (see `Preparation`). */
  transact(preparation: Preparation): Promise<E.Either<DomainError, CommandResult>> {
    return this.serialized(preparation.orgId, () => this.prepareDecideAppend(preparation));
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

  private async prepareDecideAppend({ orgId, prepare, release }: Preparation): Promise<E.Either<DomainError, CommandResult>> {
    let lost = 0;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const state = await this.states.current(orgId);
      // Read now: while `prepare` awaits, other orgs' reads may drop this one from memory.
      const latestTime = this.states.latestTime(orgId);
      const prepared = await prepare(state);
      const decided = E.isLeft(prepared) ? prepared : decideValid(prepared.right, state);
      if (E.isLeft(decided)) {
        await release?.(state);
        return decided;
      }
      const { command, events, keep } = decided.right;
      if (events.length === 0) {
        await release?.(state);
        return E.right({ events: [], revision: BigInt(state.revision), attempts: attempt });
      }
      const occurredAt = recordedTime(command.issuedAt, this.clock(), latestTime);
      if (E.isLeft(occurredAt)) {
        await release?.(state);
        return occurredAt;
      }
      if (keep && !(await keep())) continue;
      const envelopes = events.map((event, index) => envelopeOf(command, event, index, occurredAt.right));
      try {
        const appended = await this.store.append(orgStream(orgId), envelopes.map(toNewEvent), BigInt(state.revision));
        this.states.fold(orgId, envelopes, state.revision, appended.position);
        return E.right({ events: envelopes, revision: appended.revision, position: appended.position, attempts: attempt });
      } catch (error) {
        // Another writer got there first: the next attempt reads its events, prepares and decides again.
        if (!(error instanceof WrongExpectedRevision)) throw error;
        const delay = attempt < this.maxAttempts ? this.retryDelay(++lost) : 0;
        if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
    await release?.(await this.states.current(orgId));
    throw new ConcurrencyExhausted(orgId, this.maxAttempts);
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

/** The prepared command checked against every rule of its codec, and the events it causes. */
const decideValid = (prepared: Prepared, state: OrgState): E.Either<DomainError, Prepared & { readonly events: readonly DomainEvent[] }> => {
  const validated = validateCommand(prepared.command);
  if (E.isLeft(validated)) return validated;
  const command = validated.right;
  return E.map((events: readonly DomainEvent[]) => ({ ...prepared, command, events }))(decide(command, state));
};

const envelopeOf = (command: Command, event: DomainEvent, index: number, occurredAt: string): EventEnvelope => ({
  event,
  metadata: {
    schemaVersion: CURRENT_SCHEMA_VERSION[event.type],
    eventId: eventIdFor(command.orgId, command.commandId, index),
    commandId: command.commandId,
    actor: command.actor,
    occurredAt,
    ...(command.correlationId ? { correlationId: command.correlationId } : {}),
    ...(command.causationId ? { causationId: command.causationId } : {}),
  },
});

const toNewEvent = ({ event, metadata }: EventEnvelope): NewEvent => ({
  eventId: metadata.eventId,
  type: event.type,
  data: event.data as NewEvent['data'],
  metadata: metadata as unknown as NewEvent['metadata'],
});

export type { OrgState };
