import * as t from 'io-ts';
import { ActorId } from './rules.js';

/** Who may do what: owners and admins manage providers, members link them, `system` runs migrations. */
export const ActorRole = t.keyof({ owner: null, admin: null, member: null, system: null }, 'ActorRole');
/** One of `owner`, `admin`, `member` or `system`. */
export type ActorRole = t.TypeOf<typeof ActorRole>;

/** Who sends a command: their id and role, recorded on every event it produces. */
export const Actor = t.readonly(t.strict({ id: ActorId, role: ActorRole }));
/** A decoded actor. */
export type Actor = t.TypeOf<typeof Actor>;
