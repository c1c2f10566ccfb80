import type * as t from 'io-ts';

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** One step of a path: `[3]` into a list, `.name` into an object, `["odd key"]` for keys that are not plain words. */
export const pathStep = (path: string, key: string, intoList: boolean): string => {
  if (intoList) return `${path}[${key}]`;
  if (PLAIN_KEY.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key.slice(0, 64))}]`;
};

/**
 * Where in the file an io-ts error is, as a person would write it:
 * `apps[0].services[1].instances[2].region`. Intersection and union members
 * appear in io-ts contexts as "0", "1", … over the same value as their parent:
 * they are not places in the file, and are left out.
 */
export const pathOf = (context: t.Context): string => {
  let path = '';
  for (let i = 1; i < context.length; i++) {
    const entry = context[i]!;
    const parent = context[i - 1]!;
    if (entry.actual === parent.actual && /^\d+$/.test(entry.key)) continue;
    path = pathStep(path, entry.key, Array.isArray(parent.actual));
  }
  return path;
};
