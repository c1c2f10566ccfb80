// Org streams written straight to a store, with chosen times: what any writer (or an older version) may have left.
import { CURRENT_SCHEMA_VERSION, initialState, evolve, orgStream, type OrgState } from '@providers/domain';
import { toEnvelope } from '@providers/stored-events';
import type { EventStore, NewEvent, ReadStreamOptions, RecordedEvent } from '@providers/store';

const admin = { id: 'alice', role: 'admin' as const };
let ids = 0;

const stored = (type: keyof typeof CURRENT_SCHEMA_VERSION, data: Record<string, unknown>, occurredAt: string): NewEvent => {
  const eventId = `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;
  return { eventId, type, data: data as NewEvent['data'], metadata: { schemaVersion: CURRENT_SCHEMA_VERSION[type], eventId, commandId: `cmd-${eventId}`, actor: admin, occurredAt } };
};

/** `m` minutes after 2026-01-01T00:00Z. */
export const minute = (m: number): string => new Date(Date.UTC(2026, 0, 1) + m * 60_000).toISOString();

/** Adds providers dev and prod (an access role each) to the org. */
export const addProviders = (store: EventStore, orgId: string, at = minute(0)) =>
  store.append(
    orgStream(orgId),
    ['dev', 'prod'].map((name, i) =>
      stored(
        'ProviderAdded',
        {
          providerId: name,
          name,
          type: 'aws',
          accountId: `${i + 1}`.repeat(12),
          credentials: { kind: 'aws-role', roleArn: `arn:aws:iam::${`${i + 1}`.repeat(12)}:role/deploy`, externalId: 'ext-id', sessionDurationSeconds: 3600 },
        },
        at,
      ),
    ),
    'any',
  );

/** A link of `providerId` to service `service` of app `app` (replacing what was there), recorded at `at`. */
export const linkService = (providerId: string, service: string, at: string): NewEvent => stored('ProviderLinkedToService', { providerId, app: 'app', service }, at);

/** Appends `count` links that alternate dev and prod on services s0…s9, a minute apart from minute `from`. */
export const appendLinks = async (store: EventStore, orgId: string, count: number, from = 1): Promise<void> => {
  const events = Array.from({ length: count }, (_, i) => linkService(i % 2 ? 'prod' : 'dev', `s${i % 10}`, minute(from + i)));
  for (let i = 0; i < events.length; i += 500) await store.append(orgStream(orgId), events.slice(i, i + 500), 'any');
};

/** The org's state from a full replay of its stream, up to a position when given. */
export const replayed = async (store: EventStore, orgId: string, upTo?: bigint): Promise<OrgState> => {
  const state = initialState();
  for await (const page of store.readStream(orgStream(orgId)))
    for (const recorded of page) if (upTo === undefined || recorded.position <= upTo) evolve(state, toEnvelope(recorded), recorded.position);
  return state;
};

/** A store whose stream reads count the events they hand out. */
export const counting = (store: EventStore): EventStore & { read: number } => {
  const counted = {
    read: 0,
    append: (...args: Parameters<EventStore['append']>) => store.append(...args),
    async *readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<readonly RecordedEvent[]> {
      for await (const page of store.readStream(stream, options)) {
        counted.read += page.length;
        yield page;
      }
    },
    readAll: (options?: Parameters<EventStore['readAll']>[0]) => store.readAll(options),
    subscribeAll: (options?: Parameters<EventStore['subscribeAll']>[0]) => store.subscribeAll(options),
    truncateStreamBefore: (stream: string, revision: bigint) => store.truncateStreamBefore(stream, revision),
    headPosition: () => store.headPosition(),
    close: () => store.close(),
  };
  return counted;
};
