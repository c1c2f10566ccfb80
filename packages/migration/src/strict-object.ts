import * as t from 'io-ts';

const isPlainObject = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u);

/**
 * An object codec that refuses fields it does not know. In a hand-edited
 * export a misspelt `awsAccesRoleArn` would otherwise be dropped without a
 * word, and its profile silently migrated as one without a role.
 */
export const strictObject = <R extends t.Props, O extends t.Props>(description: string, required: R, optional: O) => {
  const known = [...Object.keys(required), ...Object.keys(optional)];
  const inner = t.intersection([t.type(required), t.partial(optional)]);
  type A = t.TypeOf<typeof inner>;
  return new t.Type<A, t.OutputOf<typeof inner>, unknown>(
    description,
    (u): u is A => isPlainObject(u) && Object.keys(u).every((key) => known.includes(key)) && inner.is(u),
    (u, c) => {
      if (!isPlainObject(u)) return t.failure(u, c, `${description} (a JSON object)`);
      for (const key of Object.keys(u))
        if (!known.includes(key))
          return t.failure(u[key], [...c, { key, type: t.unknown, actual: u[key] }], `is not a field of ${description}; its fields are: ${known.join(', ')}`);
      return inner.validate(u, c);
    },
    inner.encode,
  );
};

/** A JSON array of one codec, described for error messages. */
export const listOf = <C extends t.Mixed>(description: string, codec: C) => {
  const inner = t.array(codec);
  return new t.Type<t.TypeOf<typeof inner>, t.OutputOf<typeof inner>, unknown>(
    description,
    inner.is,
    (u, c) => (Array.isArray(u) ? inner.validate(u, c) : t.failure(u, c, `${description} (a JSON array)`)),
    inner.encode,
  );
};
