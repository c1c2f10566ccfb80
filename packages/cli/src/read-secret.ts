import { readFileSync } from 'node:fs';
import { UsageError } from './cli-errors.js';

/** Reads all of stdin (secrets never come from the command line itself). */
export const readStdin = async (stdin: NodeJS.ReadableStream = process.stdin): Promise<string> => {
  if ((stdin as { isTTY?: boolean }).isTTY) process.stderr.write('reading the secret from stdin (end with Ctrl-D)…\n');
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
};

/** The trailing newline of `echo` or a file is not part of a secret. */
const chomp = (text: string) => text.replace(/\r?\n$/, '');

export interface SecretSources {
  readonly stdin?: boolean;
  readonly env?: string;
  readonly file?: string;
}

/** A file the user named that cannot be read is a mistake on the command line (exit 2), not an outage. */
const readSecretFile = (what: string, path: string): string => {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'unknown error';
    throw new UsageError(`the ${what} file ${JSON.stringify(path)} cannot be read (${code})`, what);
  }
};

/** One secret value from stdin, an environment variable or a file — exactly one of them. */
export const readSecret = async (
  what: string,
  sources: SecretSources,
  env: Readonly<Record<string, string | undefined>>,
  stdinText?: () => Promise<string>,
): Promise<string> => {
  const given = [sources.stdin, sources.env, sources.file].filter(Boolean).length;
  if (given !== 1) throw new UsageError(`give the ${what} through exactly one of stdin, an environment variable or a file`, what);
  if (sources.env) {
    const value = env[sources.env];
    if (value === undefined) throw new UsageError(`environment variable ${sources.env} is not set`, what);
    return value;
  }
  if (sources.file) return chomp(readSecretFile(what, sources.file));
  return chomp(await (stdinText ?? readStdin)());
};

/**
 * Values of named secret fields from stdin: one field reads the whole input;
 * several read exactly one non-empty line each, in the order the fields were
 * named (one trailing newline allowed), so that no value is dropped or shifted.
 */
export const readSecretFields = async (names: readonly string[], stdinText: string): Promise<Record<string, string>> => {
  if (names.length === 1) return { [names[0]!]: chomp(stdinText) };
  const lines = chomp(stdinText).split(/\r?\n/);
  if (lines.length !== names.length || lines.some((line) => line.length === 0))
    throw new UsageError(
      `--secret-field: expected exactly ${names.length} non-empty lines on stdin, one value per field (${names.join(', ')}), ` +
        `got ${lines.filter((line) => line.length > 0).length} non-empty of ${lines.length}`,
      'secret-field',
    );
  return Object.fromEntries(names.map((name, i) => [name, lines[i]!]));
};
