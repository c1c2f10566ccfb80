// Form bodies: URL-encoded fields, or multipart/form-data with one uploaded file.
import type { IncomingMessage } from 'node:http';
import { HttpError } from '../errors.js';
import { readBody } from '../http-io.js';

/** A submitted form: its text fields, and the text of an uploaded file by field name. */
export interface Form {
  get(name: string): string | undefined;
  /** The trimmed value, or undefined when empty. */
  optional(name: string): string | undefined;
  file(name: string): string | undefined;
}

const formOf = (fields: Map<string, string>, files: Map<string, string>): Form => ({
  get: (name) => fields.get(name),
  optional: (name) => {
    const value = fields.get(name)?.trim();
    return value ? value : undefined;
  },
  file: (name) => files.get(name),
});

const multipart = (body: Buffer, boundary: string): Form => {
  const fields = new Map<string, string>();
  const files = new Map<string, string>();
  const parts = body.toString('utf8').split(`--${boundary}`).slice(1, -1);
  for (const part of parts) {
    const split = part.indexOf('\r\n\r\n');
    if (split === -1) continue;
    const headers = part.slice(0, split);
    const content = part.slice(split + 4).replace(/\r\n$/, '');
    const name = /name="([^"]*)"/.exec(headers)?.[1];
    if (name === undefined) continue;
    if (/filename="/.test(headers)) files.set(name, content);
    else fields.set(name, content);
  }
  return formOf(fields, files);
};

/** Reads a form body; another content type is a 415. */
export const readForm = async (request: IncomingMessage): Promise<Form> => {
  const type = request.headers['content-type'] ?? '';
  const body = await readBody(request);
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const params = new URLSearchParams(body.toString('utf8'));
    return formOf(new Map([...params.entries()]), new Map());
  }
  const boundary = /^multipart\/form-data;\s*boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (boundary) return multipart(body, boundary);
  throw new HttpError(415, 'UnsupportedMediaType', 'send the form as application/x-www-form-urlencoded or multipart/form-data');
};
