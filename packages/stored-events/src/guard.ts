import * as t from 'io-ts';
import { rules } from '@providers/domain';

/** A type guard: true when a value satisfies every rule of a codec. */
export type Guard = (u: unknown) => boolean;

const guards = new WeakMap<t.Mixed, Guard>();

/**
 * The same check as `codec.is`, compiled once from the codec's own structure
 * into straight-line JavaScript, for the hot path of replays. io-ts's generic
 * `is` reads properties by computed key and asks Object.prototype.toString of
 * every object; compiled code reads `v["name"]` with a constant key, which the
 * engine caches per object shape, as schema compilers do. The codecs stay the
 * single truth: only property names and literal values of our own codecs go
 * into the source, and any codec kind this does not know keeps its own `is`.
 */
export const guardOf = (codec: t.Mixed): Guard => {
  let guard = guards.get(codec);
  if (!guard) guards.set(codec, (guard = compile(codec)));
  return guard;
};

interface Unit {
  /** Function declarations, one per object-shaped codec. */
  readonly functions: string[];
  /** Guards the generated code calls as `leaf[i]`: rules and unknown codec kinds. */
  readonly leaves: Guard[];
  readonly names: Map<t.Mixed, string>;
}

const compile = (codec: t.Mixed): Guard => {
  const unit: Unit = { functions: [], leaves: [], names: new Map() };
  const root = expression(codec, 'v', unit);
  const source = `${unit.functions.join('\n')}\nreturn function guard(v) { return ${root}; };`;
  // Generated from our own codecs only (see above): no outside text reaches the source.
  return new Function('leaf', source)(unit.leaves) as Guard;
};

/** A JavaScript expression that is true when `value` (an expression) satisfies `codec`. */
const expression = (codec: t.Mixed, value: string, unit: Unit): string => {
  if (codec instanceof t.ReadonlyType || codec instanceof t.ExactType) return expression(codec.type, value, unit);
  if (codec instanceof t.LiteralType) return `${value} === ${JSON.stringify(codec.value)}`;
  if (codec instanceof t.StringType) return `typeof ${value} === "string"`;
  if (codec instanceof t.NumberType) return `typeof ${value} === "number"`;
  if (codec instanceof t.BooleanType) return `typeof ${value} === "boolean"`;
  if (codec instanceof t.NullType) return `${value} === null`;
  if (codec instanceof t.InterfaceType || codec instanceof t.PartialType || codec instanceof t.IntersectionType || codec instanceof t.UnionType)
    return `${functionFor(codec, unit)}(${value})`;
  const leaf = unit.leaves.push(codec instanceof rules.RuledType ? codec.is : (u: unknown) => codec.is(u)) - 1;
  return `leaf[${leaf}](${value})`;
};

/** The name of a generated function that checks an object-shaped codec (compiled once per codec). */
const functionFor = (codec: t.Mixed, unit: Unit): string => {
  const known = unit.names.get(codec);
  if (known) return known;
  const name = `g${unit.names.size}`;
  unit.names.set(codec, name);
  const checks: string[] = [];
  if (codec instanceof t.InterfaceType || codec instanceof t.PartialType) {
    checks.push('if (typeof v !== "object" || v === null || Array.isArray(v)) return false;');
    const optional = codec instanceof t.PartialType;
    Object.entries(codec.props as t.Props).forEach(([key, type], i) => {
      const read = `const p${i} = v[${JSON.stringify(key)}];`;
      const check = expression(type, `p${i}`, unit);
      checks.push(optional ? `${read} if (p${i} !== undefined && !(${check})) return false;` : `${read} if (!(${check})) return false;`);
    });
    checks.push('return true;');
  } else if (codec instanceof t.IntersectionType) {
    for (const member of codec.types as t.Mixed[]) checks.push(`if (!(${expression(member, 'v', unit)})) return false;`);
    checks.push('return true;');
  } else if (codec instanceof t.UnionType) {
    for (const member of codec.types as t.Mixed[]) checks.push(`if (${expression(member, 'v', unit)}) return true;`);
    checks.push('return false;');
  }
  unit.functions.push(`function ${name}(v) { ${checks.join(' ')} }`);
  return name;
};
