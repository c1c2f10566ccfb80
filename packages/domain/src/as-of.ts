import * as E from 'fp-ts/lib/Either.js';
import { invalidInput, type InvalidInput } from './validation.js';

/** A point to answer as of: after a global position, or at a time (ISO-8601 in UTC, to the millisecond). */
export type AsOfPoint = { readonly position: bigint } | { readonly time: string };

const POSITION = /^[0-9]+$/;
const DATE_TIME = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,9}))?)?(?:Z|([+-])([0-9]{2}):([0-9]{2}))$/;
const SHAPE = 'a position (digits only) or an ISO-8601 date-time with a zone (Z or ±hh:mm), such as 2026-01-31T12:00:00Z';
const DAY_MS = 86_400_000;
const [MIN_TIME, MAX_TIME] = [daysFromCivil(1, 1, 1) * DAY_MS, daysFromCivil(10_000, 1, 1) * DAY_MS - 1];

const quoted = (text: string): string => JSON.stringify(text.length > 64 ? `${text.slice(0, 64)}…` : text);

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm): calendar arithmetic without a clock.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1];
}

const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

const isoOf = (ms: number): string => {
  const days = Math.floor(ms / DAY_MS);
  const [year, month, day] = civilFromDays(days);
  const inDay = ms - days * DAY_MS;
  const [h, m, s, milli] = [Math.floor(inDay / 3_600_000), Math.floor(inDay / 60_000) % 60, Math.floor(inDay / 1000) % 60, inDay % 1000];
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(milli, 3)}Z`;
};

/**
 * An as-of time: an ISO-8601 date-time with a zone, a real calendar date and
 * clock time, years 0001–9999, as the instant in UTC (`…T…:…:….sssZ`).
 * Nothing is guessed: no zone-less time (it would mean the reader's local
 * time), no rolling 2026-02-30 over to March, no surrounding space, no sign.
 */
export const parseAsOfTime = (text: string, field = 'asOf'): E.Either<InvalidInput, string> => {
  const match = DATE_TIME.exec(text);
  if (match === null) return E.left(invalidInput(field, `${quoted(text)} is not ${SHAPE}`));
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? '0')) as [number, number, number, number, number, number];
  const [sign, offsetHours, offsetMinutes] = [match[8] === '-' ? -1 : 1, Number(match[9] ?? '0'), Number(match[10] ?? '0')];
  if (year < 1) return E.left(invalidInput(field, `${quoted(text)}: years are 0001–9999`));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return E.left(invalidInput(field, `${quoted(text)}: ${match[1]}-${match[2]}-${match[3]} is not a calendar date`));
  }
  if (hour > 23 || minute > 59 || second > 59) return E.left(invalidInput(field, `${quoted(text)}: hours are 00–23, minutes and seconds 00–59`));
  if (offsetHours > 23 || offsetMinutes > 59) return E.left(invalidInput(field, `${quoted(text)}: a zone offset is ±hh:mm, hours 00–23, minutes 00–59`));
  const fraction = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  const local = daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + fraction;
  // Event times are to the millisecond, so dropping finer digits leaves every answer the same.
  const ms = local - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
  if (ms < MIN_TIME || ms > MAX_TIME) return E.left(invalidInput(field, `${quoted(text)}: years are 0001–9999, in UTC too`));
  return E.right(isoOf(ms));
};

/**
 * The one parser of an as-of point, for the CLI (`--as-of`), the SDK and
 * HTTP (`asOf`): digits only are a global position; anything else must be an
 * as-of time (see `parseAsOfTime`); the error names `field`.
 */
export const parseAsOf = (text: string, field = 'asOf'): E.Either<InvalidInput, AsOfPoint> => {
  if (POSITION.test(text)) return E.right({ position: BigInt(text) });
  return E.map((time: string): AsOfPoint => ({ time }))(parseAsOfTime(text, field));
};
