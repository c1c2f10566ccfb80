import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { CommandHandler, type CommandResult, type SnapshotWarning } from '@providers/commands';
import {
  decide,
  resolve as resolveAt,
  findProvider,
  orgStream,
  validateResolveRequest,
  type Actor,
  type Command,
  type DomainError,
  type OrgState,
  type ProviderCredentials,
  type ProviderState,
  type SealedSecret,
} from '@providers/domain';
import {
  LiveProjection,
  MemoryCheckpointStore,
  READ_MODELS_PROJECTION,
  InvalidPointInTime,
  parseIsoTime,
  StoreCheckpoints,
  buildAsOf,
  createReadModels,
  readModelList,
  toEnvelope,
  type AsOfReadModels,
  type CheckpointStore,
  type ReadModels,
  type Resolution,
  type ResolveRequest,
  type SnapshotStore,
} from '@providers/projections';
import { migrateOnFirstUse } from '@providers/migration';
import { MasterKeyring, SecretSealer } from '@providers/secrets';
import type { RecordedEvent } from '@providers/store';
import type {
  AwsCredentialsProvider,
  CredentialProviderOptions,
  IamTemplateInput,
  IssuanceQuery,
  IssuanceRow,
  StsOptions,
  VendRequest,
  VendResult,
  Vendor,
} from '@providers/vending';
import { InvalidResolveRequest } from './invalid-resolve-request.js';
import { checkedAsOf } from './as-of.js';
import { DEFAULT_SESSION_DURATION_SECONDS, validatePlainSecrets, type PlainCredentials } from './provider-input.js';
import { DEFAULT_STORE_URL, openStores, parseStoreUrl, type Stores } from './store-url.js';

/** How to open the library: where the stores are, the master keys, STS, lazy migration. */
export interface OpenOptions {
  /**
   * Migrate an org's deployment profiles to providers the first time it is
   * resolved or vended for (once per org per process), as deployments did.
   */
  readonly migrateOnFirstUse?: boolean;
  /** How vending reaches STS and which identity it uses (default: the SDK's chain, AWS_ENDPOINT_URL_STS honoured). */
  readonly sts?: StsOptions;
  /** A store URL (`sqlite:PATH`, `memory:`, `esdb://…`) or stores already opened. Default: the embedded SQLite file. */
  readonly store?: string | Stores;
  /** The master keys that wrap data keys. Default: from PROVIDERS_MASTER_KEY / PROVIDERS_MASTER_KEY_FILE, if set. */
  readonly masterKeys?: MasterKeyring;
  /** Told when a snapshot could not be used or saved (the answer was replayed and is right); the CLI prints it on stderr. */
  readonly onWarning?: (warning: SnapshotWarning) => void;
  /**
   * Record every hand-out in the org's issuance log before returning it (default true). Off,
   * credentials are handed out with no record: only for measuring what the log costs.
   */
  readonly recordIssuance?: boolean;
  /** The client named in issuance records when a vend request names none (default `sdk`). */
  readonly client?: string;
  /** The store's time in ms (default Date.now): a command dated more than 15 minutes from it is refused. Tools that record a history of their own dates pass theirs. */
  readonly clock?: () => number;
}

/** The access role template of an org: its external id is filled in, the trusted account by default too. */
export interface OrgIamTemplateInput extends Partial<Pick<IamTemplateInput, 'trustedAccountId'>>, Omit<IamTemplateInput, 'trustedAccountId' | 'externalId'> {
  readonly orgId: string;
  /** Default: the org's external id (generated once, then stable). */
  readonly externalId?: string;
}

/** What every write says: whose org, who, and optionally its id and time (both generated otherwise). */
export interface WriteContext {
  readonly orgId: string;
  readonly actor: Actor;
  readonly commandId?: string;
  readonly issuedAt?: string;
}

/** A provider to add, with its credentials in plain text (sealed before they are recorded). */
export interface AddProviderInput extends WriteContext {
  readonly name: string;
  readonly type: string;
  readonly credentials: PlainCredentials;
  /** The account of static keys (a role's account is read from its ARN). */
  readonly accountId?: string;
  readonly providerId?: string;
}

/** New credentials for a provider, in plain text (sealed before they are recorded). */
export interface UpdateCredentialsInput extends WriteContext {
  /** Provider id or name. */
  readonly provider: string;
  readonly credentials: PlainCredentials;
  readonly accountId?: string;
}

/** A provider to remove; `force` releases its usages first, `shred` deletes its data key. */
export interface RemoveProviderInput extends WriteContext {
  /** Provider id or name. */
  readonly provider: string;
  /** Unlink it everywhere and clear its defaults first (each recorded as an event). */
  readonly force?: boolean;
  /** Also delete its data key, so that its sealed secrets can never be opened again. */
  readonly shred?: boolean;
}

/** Read models that follow the store (see `Providers.live`). */
export interface LiveReadModels extends ReadModels {
  caughtUp(): Promise<bigint>;
  waitFor(position: bigint): Promise<void>;
  stop(): Promise<void>;
}

/** As of when to answer: a global position, or a time. */
export interface AsOf {
  readonly position?: bigint;
  readonly time?: string;
}

type Outcome = Promise<E.Either<DomainError, CommandResult>>;

/**
 * The library in one object: a store, the command handler on it, sealing, and
 * resolution. Embedders open one per process and share it.
 */
export class Providers {
  readonly handler: CommandHandler;
  readonly sealer: SecretSealer;

  private vendor?: Promise<Vendor>;
  private readonly ensureMigrated: (orgId: string) => Promise<void>;
  private readonly externalIds = new Map<string, string>();

  private constructor(
    readonly stores: Stores,
    masterKeys: MasterKeyring | undefined,
    private readonly sts: StsOptions | undefined,
    lazyMigration: boolean,
    onWarning: ((warning: SnapshotWarning) => void) | undefined,
    private readonly issuanceOptions: { readonly record: boolean; readonly client: string },
    clock: (() => number) | undefined,
  ) {
    this.handler = new CommandHandler(stores.events, {
      ...(stores.snapshots ? { snapshots: stores.snapshots } : {}),
      ...(onWarning ? { onWarning } : {}),
      ...(clock ? { clock } : {}),
    });
    this.sealer = new SecretSealer({ keys: stores.keys, masterKeys });
    const lazy = migrateOnFirstUse(this.handler, {
      actor: { id: 'migration', role: 'system' },
      externalIdFor: (_profile, orgId) => this.externalIds.get(orgId) ?? '',
    });
    // The org's external id is read once before its migration, so every profile of the run gets the same one.
    this.ensureMigrated = lazyMigration
      ? async (orgId) => {
          if (!this.externalIds.has(orgId)) this.externalIds.set(orgId, await this.externalIdOf(orgId));
          await lazy(orgId);
        }
      : async () => undefined;
  }

  /** Opens the stores at `options.store` (default: the embedded SQLite file). */
  static async open(options: OpenOptions = {}): Promise<Providers> {
    const stores = typeof options.store === 'object' ? options.store : await openStores(parseStoreUrl(options.store ?? DEFAULT_STORE_URL));
    return new Providers(stores, options.masterKeys ?? MasterKeyring.fromEnvironment(), options.sts, options.migrateOnFirstUse ?? false, options.onWarning, {
      record: options.recordIssuance ?? true,
      client: options.client ?? 'sdk',
    }, options.clock);
  }

  /** Decides and records a command; a rejection by a rule appends nothing. */
  execute(command: Command): Outcome {
    return this.handler.execute(command);
  }

  /** The org's current state (providers, links, defaults). Read it; do not change it. */
  state(orgId: string): Promise<OrgState> {
    return this.handler.state(orgId);
  }

  /** A provider of the org by id or by name (any case). */
  async findProvider(orgId: string, idOrName: string): Promise<ProviderState | undefined> {
    return findProvider(await this.state(orgId), idOrName);
  }

  /**
   * Adds a provider. Secrets are sealed under a data key of this provider
   * before they enter the event; an access role without an external id gets
   * the org's (generated once, then reused for every role of the org).
   */
  async addProvider(input: AddProviderInput): Outcome {
    const plain = validatePlainSecrets(input.credentials);
    if (E.isLeft(plain)) return plain;
    const providerId = input.providerId ?? `prv-${randomUUID()}`;
    const state = await this.state(input.orgId);
    const credentials = await this.credentialsFor(input.orgId, providerId, input.credentials, false);
    const command: Command = {
      type: 'AddProvider',
      ...this.envelope(input),
      providerId,
      name: input.name,
      providerType: input.type,
      credentials,
      ...(input.accountId ? { accountId: input.accountId } : {}),
    };
    return this.sealAndExecute(command, input.orgId, providerId, input.credentials, state);
  }

  /** Replaces a provider's credentials (sealed under the provider's own data key). */
  async updateCredentials(input: UpdateCredentialsInput): Outcome {
    const plain = validatePlainSecrets(input.credentials);
    if (E.isLeft(plain)) return plain;
    const state = await this.state(input.orgId);
    const provider = findProvider(state, input.provider);
    const providerId = provider?.id ?? input.provider;
    const credentials = await this.credentialsFor(input.orgId, providerId, input.credentials, false);
    const command: Command = {
      type: 'UpdateProviderCredentials',
      ...this.envelope(input),
      providerId,
      credentials,
      ...(input.accountId ? { accountId: input.accountId } : {}),
    };
    return this.sealAndExecute(command, input.orgId, providerId, input.credentials, state);
  }

  /**
   * Removes a provider (refused while it is linked or a default, unless
   * `force`). With `shred`, the removal is recorded first and then the data
   * key is deleted by `shredRemoved`, so that a crash in between leaves a
   * recorded shred that `shredRemoved` finishes later.
   */
  async removeProvider(input: RemoveProviderInput): Outcome {
    const provider = await this.findProvider(input.orgId, input.provider);
    const result = await this.execute({
      type: 'RemoveProvider',
      ...this.envelope(input),
      providerId: provider?.id ?? input.provider,
      ...(input.force ? { force: true } : {}),
      ...(input.shred ? { shred: true } : {}),
    });
    if (E.isRight(result) && input.shred) await this.shredRemoved(input.orgId);
    return result;
  }

  /**
   * Deletes the data key of every provider of the org removed with `shred`
   * whose key is still there (a crash after the removal was recorded leaves
   * it); returns the key ids it deleted. Running it again deletes nothing.
   */
  async shredRemoved(orgId: string): Promise<readonly string[]> {
    const shredded: string[] = [];
    for (const recorded of await this.history(orgId)) {
      if (recorded.type !== 'ProviderRemoved') continue;
      const { event } = toEnvelope(recorded);
      if (event.type !== 'ProviderRemoved' || !event.data.shredded) continue;
      const keyId = dataKeyId(orgId, event.data.providerId);
      if (!(await this.sealer.hasKey(keyId))) continue;
      await this.sealer.shred(keyId);
      shredded.push(keyId);
    }
    return shredded;
  }

  /**
   * The external id the org's access roles use: generated once (or taken from
   * the org's existing roles) and recorded, so the IAM template printed before
   * any provider exists and the provider added afterwards agree.
   */
  async externalIdOf(orgId: string): Promise<string> {
    const { orgExternalId } = await import('@providers/vending');
    return orgExternalId(this.stores.events, orgId, firstRoleExternalId(await this.state(orgId)));
  }

  /** The org's recorded external id, else the one it would get; nothing is written. */
  private async proposedExternalId(orgId: string): Promise<string> {
    const { generateExternalId, recordedExternalId } = await import('@providers/vending');
    return (await recordedExternalId(this.stores.events, orgId)) ?? firstRoleExternalId(await this.state(orgId)) ?? generateExternalId(orgId);
  }

  /**
   * The CloudFormation template of an access role for the org: its external
   * id, and by default the vending identity's account (GetCallerIdentity) as
   * the trusted account.
   */
  async iamTemplate(input: OrgIamTemplateInput): Promise<object> {
    const { iamTemplate, validateIamTemplateOptions } = await import('@providers/vending');
    const { orgId, trustedAccountId, externalId, ...rest } = input;
    validateIamTemplateOptions(input);
    return iamTemplate({
      ...rest,
      trustedAccountId: trustedAccountId ?? (await (await this.vendorInstance()).vendingIdentity()).accountId,
      externalId: externalId ?? (await this.externalIdOf(orgId)),
    });
  }

  /**
   * An AWS SDK v3 credential provider for one deployment (`new S3Client({
   * credentials })`): it vends on first use and again before the session
   * expires (`renewBeforeSeconds`, default 300).
   */
  credentialProvider(request: VendRequest, options: CredentialProviderOptions = {}): AwsCredentialsProvider {
    let provider: Promise<AwsCredentialsProvider> | undefined;
    return async () => {
      provider ??= import('@providers/vending').then(({ credentialProviderFor }) => credentialProviderFor((r) => this.vend(r), request, options));
      return (await provider)();
    };
  }

  /** Which provider (instance > stage > service > org default > none) a deployment uses, and why; a request breaking a write's rule throws `InvalidResolveRequest`, a malformed `asOf` `InvalidAsOf`. */
  async resolve(request: ResolveRequest, given: AsOf = {}): Promise<Resolution> {
    const valid = validateResolveRequest(request);
    if (E.isLeft(valid)) throw new InvalidResolveRequest(valid.left);
    const asOf = checkedAsOf(given);
    await this.ensureMigrated(request.orgId);
    if (asOf.position !== undefined || asOf.time !== undefined) {
      if (asOf.time !== undefined && parseIsoTime(asOf.time) === undefined) throw new InvalidPointInTime(asOf.time);
      return resolveAt(await this.handler.stateAt(request.orgId, asOf), request);
    }
    // The org's cached state, brought up to date by one read of what was appended since
    // (another process's writes included): a deployment never waits for a replay of history.
    return resolveAt(await this.handler.state(request.orgId), request);
  }

  /**
   * The org's read models — resolution index, provider catalog, audit trail —
   * folded from its stream, as of now or of a point in time.
   */
  async readModels(orgId: string, given: AsOf = {}): Promise<AsOfReadModels> {
    const asOf = checkedAsOf(given);
    return buildAsOf(this.stores.events, {
      orgId,
      ...(asOf.position !== undefined ? { position: asOf.position } : {}),
      ...(asOf.time !== undefined ? { time: asOf.time } : {}),
    });
  }

  /**
   * Read models of every org kept current by a live subscription, for a
   * long-running process: restored from their snapshot and checkpoint when
   * `checkpoints` keeps them (by default the store's own snapshots),
   * they read only what was appended since. `caughtUp()` resolves once the
   * backlog is folded; `waitFor(position)` once a write is visible.
   */
  async live(options: { checkpoints?: CheckpointStore & SnapshotStore } = {}): Promise<LiveReadModels> {
    const models = createReadModels();
    const checkpoints = options.checkpoints ?? (this.stores.snapshots ? new StoreCheckpoints(this.stores.snapshots) : new MemoryCheckpointStore());
    const projection = new LiveProjection({
      store: this.stores.events,
      models: readModelList(models),
      name: READ_MODELS_PROJECTION,
      checkpoints,
      snapshots: checkpoints,
    });
    await projection.start();
    return {
      ...models,
      caughtUp: () => projection.caughtUp(),
      waitFor: (position) => projection.waitFor(position),
      stop: () => projection.stop(),
    };
  }

  /**
   * Resolves, then vends: an assumed-role session (cached, single-flight), the
   * unsealed static keys or secret fields, or — only with `allowLocalFallback`
   * — the caller's own AWS credentials.
   */
  async vend(request: VendRequest): Promise<VendResult> {
    return (await this.vendorInstance()).vend(request);
  }

  /**
   * Who received credentials: the org's issuance records (never a secret),
   * oldest first, filtered like the audit trail and joined with the provider
   * catalog (the provider's name at the time, and now).
   */
  async issuance(orgId: string, query: IssuanceQuery = {}): Promise<IssuanceRow[]> {
    const { createIssuanceLog, queryIssuance } = await import('@providers/vending');
    const records = await createIssuanceLog(this.stores.events).read(orgId);
    const { catalog } = await this.readModels(orgId);
    const names = new Map<string, string>();
    for (const record of records)
      if (record.providerId !== null && !names.has(record.providerId)) {
        const entry = catalog.get(orgId, record.providerId);
        if (entry !== undefined && !entry.removed) names.set(record.providerId, entry.name);
      }
    return queryIssuance(records, query, names);
  }

  /** The org's events in order, as stored (secrets sealed). */
  async history(orgId: string): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    for await (const page of this.stores.events.readStream(orgStream(orgId))) events.push(...page);
    return events;
  }

  async close(): Promise<void> {
    if (this.vendor) (await this.vendor).close();
    await this.stores.close();
  }

  private vendorInstance(): Promise<Vendor> {
    // Loaded on first use: the AWS SDK is heavy, and most commands never vend.
    this.vendor ??= import('@providers/vending').then(({ createVendor, createIssuanceLog }) =>
      createVendor({
        resolve: (r) => this.resolve(r),
        unseal: (sealed, field) => this.sealer.unseal(sealed, field),
        ...(this.sts ? { sts: this.sts } : {}),
        ...(this.issuanceOptions.record ? { issuance: createIssuanceLog(this.stores.events) } : {}),
        client: this.issuanceOptions.client,
      }),
    );
    return this.vendor;
  }

  private envelope(context: WriteContext) {
    return {
      orgId: context.orgId,
      commandId: context.commandId ?? randomUUID(),
      actor: context.actor,
      issuedAt: context.issuedAt ?? new Date().toISOString(),
    };
  }

  /**
   * Decides first with placeholders, so that a command a rule rejects never
   * creates a data key; then seals for real and records it. An access role
   * holds nothing to seal: its draft credentials are final. Their external id
   * is the org's recorded one, else that of the org's first role, else a new
   * one, which then is the first role's: adding appends to the org's stream
   * only (the id is recorded when a template asks for it).
   */
  private async sealAndExecute(draft: Command, orgId: string, providerId: string, plain: PlainCredentials, state: OrgState): Outcome {
    const trial = decide(draft, state);
    if (E.isLeft(trial)) return trial;
    if (plain.kind === 'aws-role') return this.execute(draft);
    const credentials = await this.credentialsFor(orgId, providerId, plain, true);
    return this.execute({ ...draft, credentials } as Command);
  }

  private async credentialsFor(
    orgId: string,
    providerId: string,
    plain: PlainCredentials,
    seal: boolean,
  ): Promise<ProviderCredentials> {
    const keyId = dataKeyId(orgId, providerId);
    const sealValue = async (field: string, value: string): Promise<SealedSecret> =>
      seal ? this.sealer.seal(keyId, field, value) : { alg: 'A256GCM', keyId, iv: '', ct: '', tag: '' };
    switch (plain.kind) {
      case 'aws-role':
        return {
          kind: 'aws-role',
          roleArn: plain.roleArn,
          externalId: plain.externalId ?? (await this.proposedExternalId(orgId)),
          sessionDurationSeconds: plain.sessionDurationSeconds ?? DEFAULT_SESSION_DURATION_SECONDS,
        };
      case 'aws-keys':
        return { kind: 'aws-keys', accessKeyId: plain.accessKeyId, secretAccessKey: await sealValue('secretAccessKey', plain.secretAccessKey) };
      case 'secret': {
        const fields: Record<string, SealedSecret> = {};
        for (const [name, value] of Object.entries(plain.fields)) fields[name] = await sealValue(name, value);
        return { kind: 'secret', fields };
      }
    }
  }
}

/** The key id of a provider's data key: every secret of the provider is sealed under it. */
const dataKeyId = (orgId: string, providerId: string): string => `${orgId}/${providerId}`;

/** The external id of the org's first access role, for orgs whose roles predate the recorded one. */
const firstRoleExternalId = (state: OrgState): string | undefined => {
  for (const provider of state.providers.values())
    if (provider.credentials.kind === 'aws-role') return provider.credentials.externalId;
  return undefined;
};
