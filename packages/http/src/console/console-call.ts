// What a console page or action gets, and the shape of the console's routes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AsOf } from '@providers/sdk';
import type { Door } from '../door.js';
import { HttpError, Rejection, toHttpError } from '../errors.js';
import type { Form } from './forms.js';
import type { Frame } from './html.js';
import type { Session } from './sessions.js';

/** A signed-in request for one org. */
export interface ConsoleCall {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly url: URL;
  readonly door: Door;
  readonly session: Session;
  readonly orgId: string;
  readonly params: readonly string[];
  /** `?asOf=`: when set, pages show the past and hide their forms. */
  readonly asOf: AsOf | undefined;
  readonly asOfText: string | undefined;
}

/** A rejection to show on the page the form was on. */
export interface FormError {
  readonly message: string;
  readonly field: string | null;
}

/** What a page refuses itself (a filter that breaks a rule, a role that may not): its status and the error to show. */
export interface PageRefusal {
  readonly status: number;
  readonly error: FormError;
}

/** A refusal to show on a page: a rejection by a rule, the HTTP layer's or the library's own; undefined for a failure (answered as a 500). */
export const refusalOf = (error: unknown): PageRefusal | undefined => {
  if (!(error instanceof Rejection || error instanceof HttpError || typeof (error as { _tag?: unknown })?._tag === 'string')) return undefined;
  const { status, body } = toHttpError(error);
  return status >= 500 ? undefined : { status, error: { message: body.message, field: body.field } };
};

/**
 * Renders a page of the org, optionally with the error of a form just sent (and that form, for a
 * page that gives back what was typed; never a secret field), or with a refusal of its own.
 */
export type PageRenderer = (
  call: ConsoleCall,
  error?: FormError,
  sent?: Form,
) => Promise<{ title: string; body: import('./html.js').Html; refused?: PageRefusal }>;

/** A form's action: does it and says where to go next (a notice to show there), or renders its own answer. */
export type Action = (call: ConsoleCall, form: Form) => Promise<{ readonly redirect: string; readonly notice?: string } | { readonly title: string; readonly body: import('./html.js').Html; readonly status?: number }>;

/** A GET page or a POST action of an org; the first group of the path is the org. */
export type ConsoleRoute =
  | { readonly method: 'GET'; readonly path: RegExp; readonly render: PageRenderer }
  | { readonly method: 'POST'; readonly path: RegExp; readonly act: Action; readonly onError: PageRenderer };

/** The frame of a page for a call. */
export const frameOf = (call: ConsoleCall, title: string, extra: Partial<Frame> = {}): Frame => ({
  title,
  signedInAs: call.session.principal.actor,
  orgId: call.orgId,
  csrf: call.session.csrf,
  ...extra,
});

/** Whether the caller may manage providers (the domain decides; the console only hides what would be refused). */
export const isAdmin = (call: ConsoleCall): boolean => ['owner', 'admin'].includes(call.session.principal.actor.role);
