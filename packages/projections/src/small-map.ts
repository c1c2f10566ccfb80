/**
 * String-keyed maps that stay flat arrays while they are small: most nodes of
 * the link tree hold a handful of stages or regions, and an exact-size array
 * [key, value, key, value, …] is a fraction of the memory of a Map and one
 * cache line to scan. Past `LIMIT` keys one becomes a Map. Functions over a
 * plain value, not a class, so that a node holds no wrapper object.
 */
export type SmallMap<V> = readonly unknown[] | Map<string, V>;

const LIMIT = 8;

/** A map with one key. */
export const smallMapOf = <V>(key: string, value: V): SmallMap<V> => [key, value];

export const smallGet = <V>(map: SmallMap<V>, key: string): V | undefined => {
  if (map instanceof Map) return map.get(key);
  for (let i = 0; i < map.length; i += 2) if (map[i] === key) return map[i + 1] as V;
  return undefined;
};

/** The map with `key` set: the same Map, or a new exact-size array (arrays are never grown in place). */
export const smallSet = <V>(map: SmallMap<V>, key: string, value: V): SmallMap<V> => {
  if (map instanceof Map) return map.set(key, value) as Map<string, V>;
  for (let i = 0; i < map.length; i += 2)
    if (map[i] === key) {
      const copy = map.slice();
      copy[i + 1] = value;
      return copy;
    }
  // concat sizes the new array exactly; spreading would leave slack in every node.
  if (map.length < LIMIT * 2) return map.concat([key, value]);
  const grown = new Map<string, V>(smallEntries(map));
  return grown.set(key, value);
};

/** The map without `key`, or undefined when nothing is left. */
export const smallDelete = <V>(map: SmallMap<V>, key: string): SmallMap<V> | undefined => {
  if (map instanceof Map) {
    map.delete(key);
    return map.size === 0 ? undefined : map;
  }
  const i = map.findIndex((k, j) => j % 2 === 0 && k === key);
  if (i < 0) return map;
  const rest = map.slice(0, i).concat(map.slice(i + 2));
  return rest.length === 0 ? undefined : rest;
};

export function* smallEntries<V>(map: SmallMap<V>): Generator<[string, V]> {
  if (map instanceof Map) yield* map;
  else for (let i = 0; i < map.length; i += 2) yield [map[i] as string, map[i + 1] as V];
}
