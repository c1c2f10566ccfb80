import { orgIdOfStream, type DomainEvent, type EventMetadata } from '@providers/domain';
import type { RecordedEvent } from '@providers/store';
import { UnreadableEventError, toEnvelope } from '@providers/stored-events';

/** A domain event as read models see it: with its org and where it is in the log. */
export interface ProjectedEvent {
  readonly orgId: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly event: DomainEvent;
  readonly metadata: EventMetadata;
}

/** Reads a stored event of an org stream for the read models. */
export const toProjectedEvent = (recorded: RecordedEvent): ProjectedEvent => {
  const orgId = orgIdOfStream(recorded.stream);
  if (orgId === undefined)
    throw new UnreadableEventError(recorded.stream, recorded.revision, recorded.position, {
      _tag: 'InvalidEvent',
      type: recorded.type,
      field: 'stream',
      message: `${recorded.stream} is not an organization stream`,
    });
  const { event, metadata } = toEnvelope(recorded);
  return { orgId, revision: recorded.revision, position: recorded.position, event, metadata };
};
