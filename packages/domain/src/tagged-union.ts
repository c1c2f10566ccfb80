import * as t from 'io-ts';

/**
 * A union that picks its member by a tag field, so that a value of one kind is
 * checked against that kind only and its errors are about what it really is
 * (a plain `t.union` reports every member's complaints).
 */
export const taggedUnion = <C extends Record<string, t.Mixed>>(name: string, tag: string, members: C) => {
  const tags = Object.keys(members);
  const codecOf = (u: unknown): t.Mixed | undefined => {
    if (typeof u !== 'object' || u === null) return undefined;
    const value = (u as Record<string, unknown>)[tag];
    return typeof value === 'string' && Object.prototype.hasOwnProperty.call(members, value) ? members[value] : undefined;
  };
  type A = t.TypeOf<C[keyof C]>;
  type O = t.OutputOf<C[keyof C]>;
  return new t.Type<A, O, unknown>(
    name,
    (u): u is A => codecOf(u)?.is(u) ?? false,
    (u, c) => {
      const codec = codecOf(u);
      if (codec) return codec.validate(u, c);
      const given = typeof u === 'object' && u !== null ? (u as Record<string, unknown>)[tag] : undefined;
      return t.failure(given, [...c, { key: tag, type: t.string, actual: given }], `${tag} must be one of: ${tags.join(', ')}`);
    },
    (a) => (codecOf(a)?.encode(a) ?? a) as O,
  );
};
