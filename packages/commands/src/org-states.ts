import { ORG_STREAM_PREFIX, evolve, initialState, orgIdOfStream, orgStream, type EventEnvelope, type OrgState } from '@providers/domain';
import { toEnvelope } from '@providers/stored-events';
import type { EventStore, SnapshotStore } from '@providers/store';
import { ORG_STATE_FOLD_VERSION, ORG_STATE_SNAPSHOT_SCHEMA, encodeOrgState } from './org-state-snapshot.js';
import { restoreSnapshot, type Folded } from './restore-snapshot.js';
import { snapshotDue } from './snapshot-policy.js';
import { describeFailure, snapshotWarning, type SnapshotWarning } from './snapshot-warning.js';
import { TailFoldedCache } from './tail-folded-cache.js';

/** Where org states are snapshotted, and who hears when a snapshot cannot be used. */
export interface OrgStatesOptions {
  /** The store's own snapshots. Without it, every cold start replays the org's stream. */
  readonly snapshots?: SnapshotStore;
  /** Restore from snapshots but never save one: the store is opened for reading only. */
  readonly readOnly?: boolean;
  /** Told when a snapshot is missing its mark (stale, damaged, of another log) or cannot be saved; the state is replayed and right. */
  readonly onWarning?: (warning: SnapshotWarning) => void;
  /** How many orgs' states are kept in memory (default `DEFAULT_CACHED_ORGS`); the least recently used is dropped first. */
  readonly cachedOrgs?: number;
}

/** A point of an org's history: after the event at `position`, and/or of the events up to `time`. */
export interface HistoryPoint {
  readonly position?: bigint;
  /** ISO 8601 with a zone: the state before the stream's first event recorded later than this. */
  readonly time?: string;
}

interface Cached extends Folded {
  /** The revision of the newest snapshot saved or restored. */
  snapshotRevision: number;
  /** Restored from a snapshot whose last event is not checked against the log yet. */
  unchecked: boolean;
}

/**
 * Org states kept in memory (a bounded number of orgs). A cold start restores
 * the newest snapshot of the org (when the store keeps one that fits) and
 * reads only the tail of the stream after it; afterwards each read folds what
 * was appended since.
 */
export class OrgStates {
  private readonly states: TailFoldedCache<Cached>;
  private readonly warned = new Set<string>();

  constructor(
    private readonly store: EventStore,
    private readonly options: OrgStatesOptions = {},
  ) {
    this.states = new TailFoldedCache({ load: (orgId) => this.load(orgId), catchUp: (orgId, cached) => this.catchUp(orgId, cached) }, options.cachedOrgs);
  }

  /** The org's state as of the end of its stream now. */
  async current(orgId: string): Promise<OrgState> {
    return (await this.states.current(orgId)).state;
  }

  /**
   * The org's state at a point of its history, from the newest snapshot at or
   * before it (when there is one) and the events after, up to the point: always
   * the state after a prefix of the stream. Not cached; the caller owns it.
   */
  async at(orgId: string, point: HistoryPoint): Promise<OrgState> {
    const stream = orgStream(orgId);
    const restored = await this.restore(stream, point);
    const folded = restored ?? emptyFold();
    await this.foldTail(orgId, folded, point, restored !== undefined);
    return folded.state;
  }

  /**
   * `providers rebuild`: replays every org's stream from the start in one pass
   * of the log, ignoring snapshots, and saves a snapshot of each org. Returns
   * how many orgs it snapshotted.
   */
  async rebuildAll(): Promise<number> {
    const rebuilt = new Map<string, Cached>();
    for await (const page of this.store.readAll({ filter: { streamPrefixes: [ORG_STREAM_PREFIX] } })) {
      for (const recorded of page) {
        const orgId = orgIdOfStream(recorded.stream);
        if (orgId === undefined) continue;
        let cached = rebuilt.get(orgId);
        if (!cached) rebuilt.set(orgId, (cached = { ...emptyFold(), snapshotRevision: 0, unchecked: false }));
        const envelope = toEnvelope(recorded);
        evolve(cached.state, envelope, recorded.position);
        cached.position = recorded.position;
        cached.eventId = recorded.eventId;
        cached.eventTime = later(cached.eventTime, envelope.metadata.occurredAt);
      }
    }
    for (const [orgId, cached] of rebuilt) {
      await this.save(orgStream(orgId), cached);
      this.states.set(orgId, cached);
    }
    return rebuilt.size;
  }

  /** Folds events this process has just appended (the last at `position`), so the next command needs no read. */
  fold(orgId: string, envelopes: readonly EventEnvelope[], expectedRevision: number, position: bigint): void {
    const cached = this.states.peek(orgId);
    // Only fold onto the state the events were decided on; otherwise the next read catches up.
    // The store tells the position of the last event only (positions need not be dense), so
    // several events are left to that read too: the state must know where each event is.
    if (!cached || cached.state.revision !== expectedRevision || envelopes.length !== 1) return;
    const { metadata } = envelopes[0]!;
    evolve(cached.state, envelopes[0]!, position);
    cached.eventTime = later(cached.eventTime, metadata.occurredAt);
    cached.position = position;
    cached.eventId = metadata.eventId;
  }

  /** The latest time recorded in the org's stream as far as the cached state has read ('' when none). */
  latestTime(orgId: string): string {
    return this.states.peek(orgId)?.eventTime ?? '';
  }

  /** Forgets an org's cached state (the next command reloads it from the store). */
  forget(orgId: string): void {
    this.states.forget(orgId);
  }

  /** A state not in memory: the newest snapshot that fits, or empty. */
  private async load(orgId: string): Promise<Cached> {
    const restored = await this.restore(orgStream(orgId), {});
    return { ...(restored ?? emptyFold()), snapshotRevision: restored?.state.revision ?? 0, unchecked: restored !== undefined };
  }

  /** Folds the stream's tail into the kept state, and snapshots it when enough events have come since the last. */
  private async catchUp(orgId: string, cached: Cached): Promise<void> {
    await this.foldTail(orgId, cached, {}, cached.unchecked);
    cached.unchecked = false;
    if (snapshotDue(cached.state.revision, cached.snapshotRevision)) await this.save(orgStream(orgId), cached);
  }

  /**
   * Folds the stream after `folded` up to `point`. A state just restored from
   * a snapshot is checked first: its last event is read again and must be
   * where the snapshot says, or the snapshot is not of this log and the
   * stream is replayed from the start.
   */
  private async foldTail(orgId: string, folded: Folded, point: HistoryPoint, restored: boolean): Promise<void> {
    const stream = orgStream(orgId);
    const until = point.time === undefined ? undefined : Date.parse(point.time);
    let check = restored && folded.state.revision > 0 ? folded : undefined;
    for await (const page of this.store.readStream(stream, { after: BigInt(Math.max(0, folded.state.revision - (check ? 1 : 0))) })) {
      for (const recorded of page) {
        if (check) {
          const fits = recorded.revision === BigInt(check.state.revision) && recorded.eventId === check.eventId && recorded.position === check.position;
          check = undefined;
          if (fits) continue;
          this.warn(stream, `the snapshot of ${stream} at position ${folded.position} does not match this store's log: replaying the stream`);
          Object.assign(folded, emptyFold());
          return this.foldTail(orgId, folded, point, false);
        }
        if (point.position !== undefined && recorded.position > point.position) return;
        const envelope = toEnvelope(recorded);
        if (until !== undefined && Date.parse(envelope.metadata.occurredAt) > until) return;
        evolve(folded.state, envelope, recorded.position);
        folded.position = recorded.position;
        folded.eventId = recorded.eventId;
        folded.eventTime = later(folded.eventTime, envelope.metadata.occurredAt);
      }
    }
    if (check) {
      this.warn(stream, `the snapshot of ${stream} at position ${folded.position} is ahead of this store's log: replaying the stream`);
      Object.assign(folded, emptyFold());
      return this.foldTail(orgId, folded, point, false);
    }
  }

  private async restore(stream: string, point: HistoryPoint): Promise<Folded | undefined> {
    const snapshots = this.options.snapshots;
    if (!snapshots) return undefined;
    return restoreSnapshot(snapshots, stream, point, (message) => this.warn(stream, message));
  }

  private async save(stream: string, cached: Cached): Promise<void> {
    const snapshots = this.options.snapshots;
    if (!snapshots || this.options.readOnly) return;
    try {
      await snapshots.save({
        name: stream,
        position: cached.position,
        revision: BigInt(cached.state.revision),
        eventId: cached.eventId,
        eventTime: cached.eventTime,
        schemaVersion: ORG_STATE_SNAPSHOT_SCHEMA,
        foldVersion: ORG_STATE_FOLD_VERSION,
        data: encodeOrgState(cached.state),
      });
    } catch (error) {
      // Said once per stream: a store that refuses snapshots (read-only) still serves every read.
      if (!this.warned.has(`save:${stream}`)) this.warn(stream, `could not save the snapshot of ${stream}: ${describeFailure(error)}`);
      this.warned.add(`save:${stream}`);
    }
    cached.snapshotRevision = cached.state.revision;
  }

  private warn(stream: string, message: string): void {
    this.options.onWarning?.(snapshotWarning(stream, message));
  }
}

const later = (a: string, b: string): string => (a === '' || Date.parse(b) > Date.parse(a) ? b : a);

const emptyFold = (): Folded => ({ state: initialState(), position: 0n, eventId: '', eventTime: '' });
