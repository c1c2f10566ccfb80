// One strict parser of as-of points: digits are a position, an ISO-8601 date-time with a zone is a time, nothing else is either.
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAsOf, parseAsOfTime } from '../src/index.js';

const refusal = (text: string, field?: string) => {
  const parsed = parseAsOf(text, field);
  if (E.isRight(parsed)) throw new Error(`${JSON.stringify(text)} was accepted as ${String(Object.values(parsed.right)[0])}`);
  return parsed.left;
};

test('digits only are a global position, leading zeros and beyond 2^64 included', () => {
  assert.equal(parseAsOf('0'), E.right({ position: 0n }));
  assert.equal(parseAsOf('0042'), E.right({ position: 42n }));
  assert.equal(parseAsOf('18446744073709551617'), E.right({ position: 18446744073709551617n }));
});

test('an ISO-8601 date-time with a zone is that instant in UTC, to the millisecond', () => {
  assert.equal(parseAsOf('2026-03-01T10:05:00Z'), E.right({ time: '2026-03-01T10:05:00.000Z' }));
  assert.equal(parseAsOf('2026-03-01T10:05Z'), E.right({ time: '2026-03-01T10:05:00.000Z' }));
  assert.equal(parseAsOf('2026-03-01T10:05:00.5+09:00'), E.right({ time: '2026-03-01T01:05:00.500Z' }));
  assert.equal(parseAsOf('2026-03-01T00:30:00.123456789-01:30'), E.right({ time: '2026-03-01T02:00:00.123Z' }));
  assert.equal(parseAsOf('2024-02-29T23:59:59.999Z'), E.right({ time: '2024-02-29T23:59:59.999Z' }));
  assert.equal(parseAsOf('2000-02-29T00:00:00Z'), E.right({ time: '2000-02-29T00:00:00.000Z' }));
  assert.equal(parseAsOf('0001-01-01T00:00:00Z'), E.right({ time: '0001-01-01T00:00:00.000Z' }));
  assert.equal(parseAsOf('9999-12-31T23:59:59.999Z'), E.right({ time: '9999-12-31T23:59:59.999Z' }));
});

test('what Date.parse guessed at is refused, naming the field and the rule', () => {
  const lenient = [' 5', '5 ', '+5', '-1', '1e3', '0x10', '', ' ', '2026-03-01', '2026-03-01T10:00:00', '2026-03-01 10:00:00Z', '2026-03-01t10:00:00z',
    'March 1, 2026', 'Sun, 01 Mar 2026 10:00:00 GMT', '2026-3-1T10:00:00Z', '+275760-09-13T00:00:00Z', '2026-03-01T10:00:00+0900', '2026-03-01T10:00:00 Z', '１２'];
  for (const text of lenient) {
    const error = refusal(text, '--as-of');
    assert.is(error._tag, 'InvalidInput', text);
    assert.is(error.field, '--as-of', text);
    assert.match(error.message, /^--as-of: /, text);
    assert.match(error.rule, 'digits only', text);
  }
  assert.is(refusal('yesterday').field, 'asOf');
});

test('dates and times that do not exist are refused, not rolled over', () => {
  const rules: [string, string][] = [
    ['2026-02-30T00:00:00Z', '2026-02-30 is not a calendar date'],
    ['2025-02-29T00:00:00Z', '2025-02-29 is not a calendar date'],
    ['1900-02-29T00:00:00Z', '1900-02-29 is not a calendar date'],
    ['2026-04-31T00:00:00Z', '2026-04-31 is not a calendar date'],
    ['2026-13-01T00:00:00Z', '2026-13-01 is not a calendar date'],
    ['2026-00-10T00:00:00Z', '2026-00-10 is not a calendar date'],
    ['2026-01-00T00:00:00Z', '2026-01-00 is not a calendar date'],
    ['0000-01-01T00:00:00Z', 'years are 0001–9999'],
    ['0001-01-01T00:00:00+00:01', 'years are 0001–9999, in UTC too'],
    ['9999-12-31T23:59:59-00:01', 'years are 0001–9999, in UTC too'],
    ['2026-03-01T24:00:00Z', 'hours are 00–23'],
    ['2026-03-01T10:60:00Z', 'minutes and seconds 00–59'],
    ['2026-12-31T23:59:60Z', 'minutes and seconds 00–59'],
    ['2026-03-01T10:00:00+24:00', 'a zone offset is ±hh:mm'],
    ['2026-03-01T10:00:00+01:60', 'a zone offset is ±hh:mm'],
  ];
  for (const [text, rule] of rules) assert.match(refusal(text).rule, rule, text);
});

test('a long input is quoted shortened in the error', () => {
  assert.ok(refusal('x'.repeat(10_000)).message.length < 300);
});

test('any instant of years 0001–9999, written with any zone offset, parses to that instant', () => {
  const min = new Date('0001-01-01T00:00:00Z').getTime();
  const max = new Date('9999-12-31T23:59:59.999Z').getTime();
  fc.assert(
    fc.property(fc.integer({ min, max }), fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }), (ms, offset) => {
      const local = new Date(ms + offset * 60_000);
      fc.pre(local.getUTCFullYear() >= 1 && local.getUTCFullYear() <= 9999);
      const zone = `${offset < 0 ? '-' : '+'}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
      const text = `${local.toISOString().slice(0, -1)}${zone}`;
      assert.equal(parseAsOfTime(text), E.right(new Date(ms).toISOString()), text);
    }),
    { numRuns: 2000 },
  );
});

test.run();
