import type { WriteStream } from 'node:tty';
import { Redactor } from '@providers/sdk';
import { cut, fitColumns } from './fit-columns.js';

/**
 * Everything the CLI prints goes through here: JSON for scripts (bigints as
 * strings), plain tables for people, and known secret values redacted.
 */
export class Output {
  readonly redactor = new Redactor();

  constructor(
    readonly json: boolean,
    private readonly out: NodeJS.WritableStream = process.stdout,
    private readonly err: NodeJS.WritableStream = process.stderr,
  ) {}

  /** Prints a value as JSON. */
  data(value: unknown): void {
    this.out.write(`${this.redactor.redact(toJson(value))}\n`);
  }

  /** Prints a line for people (never in JSON mode, where stdout is for the program). */
  line(text = ''): void {
    if (!this.json) this.out.write(`${this.redactor.redact(text)}\n`);
  }

  /**
   * Prints a table with a header row, columns padded to their widest cell; on a terminal, the
   * widest columns are cut (ending in "…") so that each row fits its width. Into a pipe or a
   * file, nothing is cut.
   */
  table(headers: readonly string[], rows: readonly (readonly string[])[]): void {
    if (rows.length === 0) return this.line('(none)');
    const natural = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const terminal = this.out as Partial<WriteStream>;
    const widths = terminal.isTTY && terminal.columns ? fitColumns(natural, terminal.columns) : natural;
    const format = (cells: readonly string[]) =>
      cells.map((c, i) => (i === cells.length - 1 ? cut(c, widths[i]!) : cut(c, widths[i]!).padEnd(widths[i]!))).join('  ');
    this.line(format(headers.map((h) => h.toUpperCase())));
    for (const row of rows) this.line(format(row));
  }

  /** Prints an error to stderr: a line for people (naming the field once), or a JSON object with `--json`. */
  error(tag: string, message: string, field?: string): void {
    const text = this.json
      ? toJson({ error: { _tag: tag, message, ...(field ? { field } : {}) } })
      : `error: ${message}${field && !message.includes(field) ? ` (field: ${field})` : ''}`;
    this.err.write(`${this.redactor.redact(text)}\n`);
  }

  /** A note for people on stderr (progress, warnings), kept out of stdout. */
  note(text: string): void {
    this.err.write(`${this.redactor.redact(text)}\n`);
  }
}

/** JSON with bigints written as decimal strings. */
export const toJson = (value: unknown, indent = 2): string =>
  JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), indent);
