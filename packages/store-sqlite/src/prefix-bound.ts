/**
 * The least string greater than every string that starts with `prefix`: its
 * last code point raised by one (UTF-8 keeps code-point order, and SQLite
 * compares text bytewise). For an empty prefix, or one ending in U+10FFFF,
 * two U+10FFFF stand in as the bound: no stream name of this library comes near.
 */
export const prefixUpperBound = (prefix: string): string => {
  const last = prefix.codePointAt(prefix.length - 1);
  if (last === undefined || last >= 0x10ffff) return `${prefix}\u{10ffff}\u{10ffff}`;
  const head = prefix.slice(0, prefix.length - (last > 0xffff ? 2 : 1));
  return head + String.fromCodePoint(last + 1);
};
