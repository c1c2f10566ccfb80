import { errorClass } from '@providers/domain';

/** An "as of" that is neither a position nor an ISO 8601 time with a zone. */
export class InvalidPointInTime extends errorClass('InvalidPointInTime', 'usage', (input: string) => ({
  fields: { input },
  message: `"${input.slice(0, 64)}" is not a point in time: give a global position (digits) or an ISO 8601 date or time with a zone, such as 2026-03-01 or 2026-03-01T10:00:00Z`,
})) {}
