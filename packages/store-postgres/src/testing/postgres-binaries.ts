import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Where `initdb` and `pg_ctl` of one PostgreSQL installation are. */
export interface PostgresBinaries {
  readonly initdb: string;
  readonly pgCtl: string;
}

/** Debian's server packages put the binaries under a versioned directory that is not on PATH. */
const debianRoot = '/usr/lib/postgresql';

/**
 * Finds the server binaries: on PATH first (where a developer linked them),
 * then Debian's `/usr/lib/postgresql/<version>/bin`, newest version first.
 */
export const findPostgresBinaries = (): PostgresBinaries | undefined => {
  const candidates = (process.env.PATH ?? '').split(delimiter).filter((dir) => dir.length > 0);
  if (existsSync(debianRoot)) {
    const versions = readdirSync(debianRoot)
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => join(debianRoot, version, 'bin')));
  }
  for (const dir of candidates) {
    const initdb = join(dir, 'initdb');
    const pgCtl = join(dir, 'pg_ctl');
    if (existsSync(initdb) && existsSync(pgCtl)) return { initdb, pgCtl };
  }
  return undefined;
};
