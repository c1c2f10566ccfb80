/** What every redacted value is replaced with. */
export const REDACTED = '[REDACTED]';

// Below this length an encoded form (hex "6162", base64 "YWI") matches ordinary text too
// often to be worth replacing; the plain value is still redacted at any length.
const MIN_LENGTH_FOR_ENCODINGS = 4;

const SECRET_KEY_WORDS = ['secret', 'password', 'passwd', 'passphrase', 'token', 'apikey', 'privatekey'];

/** Whether an object key names a secret (`secretAccessKey`, `sessionToken`, `api_key`, …), case-insensitive. */
export const looksSecretKey = (key: string): boolean => {
  const normalized = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  return SECRET_KEY_WORDS.some((word) => normalized.includes(word));
};

// Bounds that keep every pattern far below what V8 compiles (it refuses sources of a few
// tens of kilobytes, whatever the number or size of the secrets registered).
const MAX_PATTERN_SOURCE_LENGTH = 16_384;
const MAX_PATTERN_FORM_LENGTH = 4_096;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// The forms in which a secret typically leaks: as is, base64 or hex encoded, escaped inside
// JSON, or percent-encoded in a URL or form body (AWS secret keys hold '/' and '+').
const formsOf = (value: string): string[] => {
  const forms = [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)];
  if (value.length >= MIN_LENGTH_FOR_ENCODINGS) {
    const bytes = Buffer.from(value, 'utf8');
    const base64 = bytes.toString('base64');
    const hex = bytes.toString('hex');
    forms.push(base64, base64.replace(/=+$/, ''), bytes.toString('base64url'), hex, hex.toUpperCase());
  }
  return forms;
};

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/**
 * Remembers secret values and removes them from anything about to be shown:
 * CLI output, logs, error messages. One per process, fed by the `SecretSealer`
 * with every value it seals or opens.
 */
export class Redactor {
  readonly #forms = new Set<string>();
  #passes: readonly ((text: string) => string)[] | undefined;

  /** Remembers a secret value (and its encodings); the empty string is ignored. */
  add(value: string): void {
    if (value.length === 0) return;
    const before = this.#forms.size;
    for (const form of formsOf(value)) if (form.length > 0) this.#forms.add(form);
    if (this.#forms.size !== before) this.#passes = undefined;
  }

  /** Replaces every known secret value, plain, base64 or hex, with `[REDACTED]`. */
  redact(text: string): string {
    let redacted = text;
    for (const pass of this.#compiled()) redacted = pass(redacted);
    return redacted;
  }

  /**
   * A copy of JSON-like data with values under secret-looking keys and known secret
   * values anywhere replaced with `[REDACTED]`; an `Error` becomes `{ name, message, …own fields }`.
   */
  redactObject(value: unknown): unknown {
    return this.#walk(value, new Set());
  }

  #walk(value: unknown, ancestors: Set<object>): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (typeof value !== 'object' || value === null) return value;
    if (ancestors.has(value)) return '[Circular]';
    const isError = value instanceof Error;
    if (!Array.isArray(value) && !isPlainObject(value) && !isError) return value;
    ancestors.add(value);
    try {
      if (Array.isArray(value)) return value.map((item) => this.#walk(item, ancestors));
      const entries: [string, unknown][] = isError ? [['name', value.name], ['message', value.message]] : [];
      entries.push(...Object.entries(value));
      return Object.fromEntries(
        entries.map(([key, item]) => [
          key,
          looksSecretKey(key) && item !== null && item !== undefined ? REDACTED : this.#walk(item, ancestors),
        ]),
      );
    } finally {
      ancestors.delete(value);
    }
  }

  #compiled(): readonly ((text: string) => string)[] {
    if (this.#passes) return this.#passes;
    // Longest first, so a secret containing another one is replaced whole. One regular
    // expression for every form would be simplest, but V8 refuses a pattern past a few
    // tens of kilobytes (and the refusal's message quotes the pattern: the secrets
    // themselves), so forms are grouped into bounded patterns, and a form too long for
    // any pattern is replaced as a literal string.
    const forms = [...this.#forms].sort((a, b) => b.length - a.length);
    const passes: ((text: string) => string)[] = [];
    let group: string[] = [];
    let groupSize = 0;
    const flush = () => {
      if (group.length === 0) return;
      const pattern = new RegExp(group.join('|'), 'g');
      passes.push((text) => text.replace(pattern, REDACTED));
      group = [];
      groupSize = 0;
    };
    for (const form of forms) {
      if (form.length > MAX_PATTERN_FORM_LENGTH) {
        passes.push((text) => text.replaceAll(form, REDACTED));
        continue;
      }
      const source = escapeRegExp(form);
      if (groupSize + source.length + 1 > MAX_PATTERN_SOURCE_LENGTH) flush();
      group.push(source);
      groupSize += source.length + 1;
    }
    flush();
    return (this.#passes = passes);
  }
}
