import { ORG_STREAM_PREFIX } from '@providers/domain';
import type { EventStore, Subscription } from '@providers/store';
import type { CheckpointStore, SnapshotStore } from './checkpoint-store.js';
import { toProjectedEvent, type ProjectedEvent } from './projected-event.js';
import type { ReadModel } from './read-model.js';
import { SnapshotUnreadable, isSnapshottable, type SnapshottableReadModel } from './snapshot.js';
import { UnreadableEventError } from '@providers/stored-events';
import { deferred, type Deferred } from './deferred.js';
import { LiveProjectionStopped, ModelNotSnapshottable, type LiveProjectionOptions, type LiveProjectionStart } from './live-projection-options.js';

const DEFAULT_EVERY_EVENTS = 5000;
const DEFAULT_EVERY_MS = 2000;

/**
 * Keeps read models current from a subscription to the store: resumes from
 * its checkpoint (and snapshot), catches up, then folds events as they are
 * appended. It saves its checkpoint at catch-up, at most every
 * `checkpointEvery`, and on stop. An unreadable event stops it with an
 * `UnreadableEventError` naming the position (the checkpoint stays before
 * it), unless `skipInvalid`.
 */
export class LiveProjection {
  readonly #options: LiveProjectionOptions;
  readonly #snapshotModels: readonly SnapshottableReadModel[];
  readonly #caughtUp = deferred<bigint>();
  readonly #done = deferred<void>();
  readonly #waiters: { readonly position: bigint; readonly waiting: Deferred<void> }[] = [];
  #started?: Promise<LiveProjectionStart>;
  #subscription?: Subscription;
  #running?: Promise<void>;
  #position = 0n;
  #savedPosition: bigint | undefined;
  #unsaved = 0;
  #lastSaveAt = 0;
  #timer: NodeJS.Timeout | undefined;
  #saving: Promise<void> = Promise.resolve();
  #failure: unknown;
  #applying = false;
  #stopRequested = false;
  #read = 0;
  #folded = 0;
  readonly #skipped: UnreadableEventError[] = [];

  constructor(options: LiveProjectionOptions) {
    this.#options = options;
    if (options.snapshots) {
      options.models.forEach((model, index) => {
        if (!isSnapshottable(model)) throw new ModelNotSnapshottable(options.name, index);
      });
      this.#snapshotModels = options.models as readonly SnapshottableReadModel[];
    } else this.#snapshotModels = [];
  }

  /** The last global position folded in (or read past). */
  get position(): bigint {
    return this.#position;
  }

  /** Events read from the store since `start()`, skipped ones included. */
  get read(): number {
    return this.#read;
  }

  /** Events folded into the models since `start()`. */
  get folded(): number {
    return this.#folded;
  }

  /** Unreadable events skipped (only with `skipInvalid`). */
  get skipped(): readonly UnreadableEventError[] {
    return this.#skipped;
  }

  /** Restores the models (or reads the checkpoint) and subscribes; calling it again returns the same start. */
  start(): Promise<LiveProjectionStart> {
    this.#started ??= this.#start();
    return this.#started;
  }

  /** Resolves with the position once the models have caught up with the store; rejects if the projection ends first. */
  caughtUp(): Promise<bigint> {
    return this.#caughtUp.promise;
  }

  /** Resolves once the models have folded up to `position` (an event this projection reads); rejects if it ends first. */
  waitFor(position: bigint): Promise<void> {
    if (this.#position >= position) return Promise.resolve();
    if (this.#done.settled) return Promise.reject(this.#failure ?? new LiveProjectionStopped(this.#options.name, this.#position));
    const waiting = deferred<void>();
    this.#waiters.push({ position, waiting });
    return waiting.promise;
  }

  /** Stops reading and saves the checkpoint; resolves when it has ended (see `done()` for how). */
  async stop(): Promise<void> {
    this.#stopRequested = true;
    if (!this.#started) this.#finish();
    await this.#started?.catch(() => {});
    await this.#subscription?.close();
    await this.#running;
  }

  /** Resolves when the projection is stopped; rejects with what stopped it otherwise (e.g. an `UnreadableEventError`). */
  done(): Promise<void> {
    return this.#done.promise;
  }

  async #start(): Promise<LiveProjectionStart> {
    try {
      const start = await this.#resume();
      this.#position = start.from;
      if (this.#stopRequested) {
        this.#finish();
        return start;
      }
      this.#subscription = this.#options.store.subscribeAll({ after: start.from, filter: { streamPrefixes: [ORG_STREAM_PREFIX] } });
      this.#running = this.#run(this.#subscription);
      return start;
    } catch (error) {
      this.#failure = error;
      this.#finish();
      throw error;
    }
  }

  async #resume(): Promise<LiveProjectionStart> {
    const { name, checkpoints, snapshots, fromScratch } = this.#options;
    if (fromScratch) return { from: 0n, restored: false };
    if (!snapshots) {
      const from = await checkpoints.load(name);
      this.#savedPosition = from;
      return { from: from ?? 0n, restored: false };
    }
    const stored = await snapshots.loadSnapshot(name);
    if (!stored) return { from: 0n, restored: false };
    for (const model of this.#snapshotModels) {
      const json = stored.models[model.snapshotName];
      if (json === undefined) throw new SnapshotUnreadable(model.snapshotName, '$', `the stored snapshot of ${name} has no ${model.snapshotName}`);
      model.restore(json);
    }
    this.#savedPosition = stored.position;
    return { from: stored.position, restored: true };
  }

  async #run(subscription: Subscription): Promise<void> {
    try {
      for await (const message of subscription) {
        if (message.kind === 'caught-up') {
          if (message.position > this.#position) {
            this.#position = message.position;
            this.#unsaved++;
          }
          await this.#save();
          this.#caughtUp.resolve(this.#position);
          this.#wake();
          continue;
        }
        for (const recorded of message.events) {
          this.#read++;
          let event: ProjectedEvent;
          try {
            event = toProjectedEvent(recorded);
          } catch (error) {
            if (!(error instanceof UnreadableEventError) || !this.#options.skipInvalid) throw error;
            this.#skipped.push(error);
            this.#options.onSkipped?.(error);
            this.#position = recorded.position;
            this.#unsaved++;
            continue;
          }
          this.#applying = true;
          for (const model of this.#options.models) model.apply(event);
          this.#applying = false;
          this.#position = recorded.position;
          this.#folded++;
          this.#unsaved++;
        }
        this.#wake();
        await this.#throttledSave();
      }
    } catch (error) {
      this.#failure ??= error;
    }
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    // A model that threw halfway through an event is in no state to be saved; anything else stopped between events.
    if (!this.#applying) await this.#save().catch((error: unknown) => (this.#failure ??= error));
    this.#finish();
  }

  #throttledSave(): Promise<void> {
    if (this.#unsaved === 0) return Promise.resolve();
    const everyEvents = this.#options.checkpointEvery?.events ?? DEFAULT_EVERY_EVENTS;
    const everyMs = this.#options.checkpointEvery?.ms ?? DEFAULT_EVERY_MS;
    const since = Date.now() - this.#lastSaveAt;
    if (this.#unsaved >= everyEvents || since >= everyMs) return this.#save();
    if (this.#timer === undefined) {
      // Live events may stop coming for a long while: save what was folded once the interval is up.
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.#save().catch((error: unknown) => {
          this.#failure ??= error;
          void this.#subscription?.close();
        });
      }, everyMs - since);
      this.#timer.unref();
    }
    return Promise.resolve();
  }

  /** Saves the snapshot (when kept) and then the checkpoint, in order: a save never overtakes an earlier one. */
  #save(): Promise<void> {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    const position = this.#position;
    if (position === this.#savedPosition) return this.#saving;
    const { name, checkpoints, snapshots, onCheckpoint } = this.#options;
    // Taken now, between events; written later, in order.
    const models = snapshots ? Object.fromEntries(this.#snapshotModels.map((model) => [model.snapshotName, model.snapshot()])) : undefined;
    this.#savedPosition = position;
    this.#unsaved = 0;
    this.#lastSaveAt = Date.now();
    this.#saving = this.#saving.then(async () => {
      if (snapshots && models) await snapshots.saveSnapshot(name, { position, models });
      await checkpoints.save(name, position);
      onCheckpoint?.(position);
    });
    return this.#saving;
  }

  #wake(): void {
    for (let i = this.#waiters.length - 1; i >= 0; i--) {
      const waiter = this.#waiters[i]!;
      if (waiter.position <= this.#position) {
        this.#waiters.splice(i, 1);
        waiter.waiting.resolve();
      }
    }
  }

  #finish(): void {
    const ended = this.#failure ?? new LiveProjectionStopped(this.#options.name, this.#position);
    if (!this.#caughtUp.settled) this.#caughtUp.reject(ended);
    for (const { waiting } of this.#waiters.splice(0)) waiting.reject(ended);
    if (this.#done.settled) return;
    if (this.#failure !== undefined) this.#done.reject(this.#failure);
    else this.#done.resolve();
  }
}
