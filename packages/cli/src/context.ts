import { userInfo } from 'node:os';
import { resolve as resolvePath } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { type Actor, ActorRole, DEFAULT_STORE_URL, displayStoreUrl, type DomainError, MANAGING_ROLES, MasterKeyring, parseStoreUrl, Providers, type ProviderState, type WriteContext } from '@providers/sdk';
import { Rejected, UsageError } from './cli-errors.js';
import { Output } from './output.js';

/** What the CLI was started with: the environment, the streams, and the global flags. */
export interface CliEnvironment {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

export interface GlobalOptions {
  readonly store?: string;
  readonly actor?: string;
  readonly role?: string;
  readonly json?: boolean;
  readonly verbose?: boolean;
}

/** One run of the CLI: opens the store on first use, knows the actor, prints through one Output. */
export class CliContext {
  readonly out: Output;
  // One store per run: the first command to ask opens it, for writing or for reading only.
  private opened?: Promise<Providers>;

  constructor(
    readonly environment: CliEnvironment,
    readonly options: GlobalOptions,
  ) {
    this.out = new Output(Boolean(options.json), environment.stdout, environment.stderr);
  }

  /** The store URL: `--store`, else PROVIDERS_STORE, else the embedded default. */
  get storeUrl(): string {
    return this.options.store ?? this.environment.env.PROVIDERS_STORE ?? DEFAULT_STORE_URL;
  }

  /** Where the store is, as a person would look for it: an SQLite file by its absolute path; a server's URL without its password. */
  get storeText(): string {
    const location = parseStoreUrl(this.storeUrl);
    return location.kind === 'sqlite' ? `sqlite:${resolvePath(location.path)}` : displayStoreUrl(this.storeUrl);
  }

  /** The library on the store, for a command that writes. */
  providers(): Promise<Providers> {
    this.opened ??= this.open(false);
    return this.opened;
  }

  /** The library on the store opened for reading only, for a command that only reads: a read-only file can be read, and a missing one is not created. */
  reader(): Promise<Providers> {
    this.opened ??= this.open(true);
    return this.opened;
  }

  private open(readOnly: boolean): Promise<Providers> {
    if (this.options.verbose) this.out.note(`store: ${this.storeText}${readOnly ? ' (read-only)' : ''}`);
    return Providers.open({
      store: this.storeUrl,
      masterKeys: MasterKeyring.fromEnvironment(this.environment.env),
      client: 'cli',
      // Static keys' account is asked of STS with PROVIDERS_OBSERVE_ACCOUNT=1 (as with --observe-account), and always in an org with account pins.
      ...(['1', 'true'].includes(this.environment.env.PROVIDERS_OBSERVE_ACCOUNT ?? '') ? { observeKeysAccount: true } : {}),
      onWarning: (warning) => this.out.note(`warning: ${warning.message}`),
      ...(readOnly ? { readOnly: true } : {}),
    });
  }

  /** Who is acting: `--actor`/`--role`, else PROVIDERS_ACTOR/PROVIDERS_ROLE, else the OS user as admin of a local store. */
  actor(): Actor {
    const id = this.options.actor ?? this.environment.env.PROVIDERS_ACTOR ?? safeUserName();
    const role = this.options.role ?? this.environment.env.PROVIDERS_ROLE ?? 'admin';
    if (!ActorRole.is(role)) throw new UsageError(`--role must be one of owner, admin, member, system (got ${JSON.stringify(role)})`, 'role');
    return { id, role };
  }

  /** Operations on every org's keys (rotate, shred) are for the roles that manage providers; a member is refused (exit 1). */
  requireManager(operation: string): void {
    const { role } = this.actor();
    if (MANAGING_ROLES.includes(role)) return;
    throw new Rejected({
      _tag: 'PermissionDenied',
      field: 'actor.role',
      role,
      allowed: MANAGING_ROLES,
      message: `${operation} is for ${MANAGING_ROLES.join(', ')}; a ${role} may not run it`,
    });
  }

  /** The provider an org knows by this id or name, or a rejection naming the field. */
  async provider(orgId: string, idOrName: string, field = 'provider'): Promise<ProviderState> {
    const found = await (await this.providers()).findProvider(orgId, idOrName);
    if (!found)
      throw new Rejected({ _tag: 'ProviderNotFound', field: 'providerId', providerId: idOrName, message: `no provider "${idOrName}" in organization ${orgId} (--${field})` });
    return found;
  }

  /** The org and the provider a command names with `--org` and `--provider`. */
  async providerNamed(o: Record<string, unknown>): Promise<{ orgId: string; provider: ProviderState }> {
    const orgId = String(o.org);
    return { orgId, provider: await this.provider(orgId, String(o.provider)) };
  }

  /** An org with no history at all is most likely a typo or the wrong store: say so on stderr, whatever the answer. */
  async noteIfUnknown(orgId: string): Promise<void> {
    if ((await (await this.reader()).history(orgId)).length === 0)
      this.out.note(`note: organization "${orgId}" has no history in the store ${this.storeText} (check --org and --store)`);
  }

  /** The context of a write sent from the command line: the org, the actor, a `cli-` command id. */
  write(orgId: string): WriteContext {
    return { orgId, commandId: `cli-${crypto.randomUUID()}`, actor: this.actor() };
  }

  async close(): Promise<void> {
    if (this.opened) await (await this.opened).close();
  }
}

/** The accepted result, or a Rejected error carrying the domain's. */
export const unwrap = <A>(result: E.Either<DomainError, A>): A => {
  if (E.isLeft(result)) throw new Rejected(result.left);
  return result.right;
};

const safeUserName = (): string => {
  try {
    return userInfo().username || 'cli';
  } catch {
    return 'cli';
  }
};
