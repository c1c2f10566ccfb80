// io-ts decoding that explains a failure as the field it is about and the rule it breaks.
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';

/** Why a value does not fit a codec: the path of the first field that breaks a rule, and the rule. */
export interface Misfit {
  readonly field: string;
  readonly rule: string;
}

// A key under an intersection or a union is the index of a member, not a field.
const MEMBER_KEYS = new Set(['IntersectionType', 'UnionType']);

const pathOf = (context: t.Context): string => {
  let path = '';
  for (let i = 1; i < context.length; i++) {
    const parent = context[i - 1]!.type as t.Any & { _tag?: string };
    const { key } = context[i]!;
    if (MEMBER_KEYS.has(parent._tag ?? '')) continue;
    path += parent._tag === 'ArrayType' ? `[${key}]` : path === '' ? key : `.${key}`;
  }
  return path;
};

/** Decodes `value`; a misfit names the deepest field that failed and the rule its codec states. */
export const decodeOrExplain = <A>(codec: t.Type<A, unknown, unknown>, value: unknown): E.Either<Misfit, A> => {
  const decoded = codec.decode(value);
  if (E.isRight(decoded)) return decoded;
  const first = decoded.left.reduce((deepest, error) => (error.context.length > deepest.context.length ? error : deepest));
  const name = first.context[first.context.length - 1]?.type.name ?? codec.name;
  return E.left({ field: pathOf(first.context) || '(body)', rule: first.message ?? (/^an? /.test(name) ? name : `expected ${name}`) });
};
