import * as E from 'fp-ts/lib/Either.js';
import { CommandHandler } from '@providers/commands';
import { findProvider, type Command, type ProviderState, type SealedSecret } from '@providers/domain';
import type { ImportError, MigrationFromExportReport } from '@providers/migration';
import type { AsOfReadModels, AuditFact, AuditQuery, Resolution, ResolveRequest } from '@providers/projections';
import { MasterKeyring, SecretSealer, type RotationReport } from '@providers/secrets';
import type { RecordedEvent } from '@providers/store';
import type { AwsCredentialsProvider, CredentialProviderOptions, IssuancePruned, IssuanceQuery, IssuanceRow, RoleVerified, VendRequest, VendResult, VerifyRoleInput } from '@providers/vending';
import { linkCommand, linkLocalCommand, unlinkCommand } from './link-commands.js';
import { pinCommand, unpinCommand } from './pin-commands.js';
import { lazyMigration, migrateExport, type MigrateInput } from './legacy-migration.js';
import { commandHandlerOptions, keysAccountObservation, vendorOptions, type OpenOptions } from './open-options.js';
import { credentialProviderOf } from './credential-provider.js';
import { issuanceOf } from './issuance.js';
import { lazyVendor, type LazyVendor } from './lazy-vendor.js';
import { orgExternalIdOf } from './org-external-id.js';
import { orgIamTemplate, type OrgIamTemplateInput } from './org-iam-template.js';
import { catalogEntries, type CatalogEntry } from './provider-catalog.js';
import { OrgReadModels } from './org-read-models.js';
import { auditFacts, liveReadModels, orgHistory, rebuildReadModelsOf, type AsOf, type LiveOptions, type LiveReadModels, type RebuildInput, type RebuildResult } from './read-models.js';
import { resolveDeployment } from './resolve-deployment.js';
import { addProviderWrite, updateCredentialsWrite, type CredentialWrites } from './credential-commands.js';
import { shredRemoved, shredRemovedProvider } from './shred.js';
import { DEFAULT_STORE_URL, openStores, parseStoreUrl, type Stores } from './store-url.js';
import { stamp, type WriteContext, type WriteOutcome } from './write-context.js';
import type * as In from './write-inputs.js';

/**
 * The library in one object, and its only door. Writes take a `WriteContext`
 * and return `Either<DomainError, CommandResult>`: a rejection by a rule is a
 * value (`_tag`, `field`, `message`) and records nothing. Reads return their
 * answer. Infrastructure failures (store, key store, STS) throw, and so does
 * `vend` when nothing can be vended. Embedders open one per process and share it.
 */
export class Providers {
  readonly #stores: Stores;
  readonly #handler: CommandHandler;
  readonly #sealer: SecretSealer;
  readonly #credentialWrites: CredentialWrites;
  readonly #ensureMigrated: (orgId: string) => Promise<void>;
  readonly #vendor: LazyVendor;
  readonly #models: OrgReadModels;
  readonly #clock: () => number;

  private constructor(stores: Stores, options: OpenOptions) {
    this.#stores = stores;
    this.#models = new OrgReadModels(stores.events, options.cachedOrgs);
    this.#clock = options.clock ?? Date.now;
    this.#handler = new CommandHandler(stores.events, commandHandlerOptions(stores, options));
    this.#sealer = new SecretSealer({ keys: stores.keys, masterKeys: options.masterKeys });
    this.#credentialWrites = { sealer: this.#sealer, events: stores.events, handler: this.#handler, observation: keysAccountObservation(options) };
    const vending = { resolve: (request: ResolveRequest) => this.resolve(request), unseal: (sealed: SealedSecret, field: string) => this.#sealer.unseal(sealed, field) };
    this.#vendor = lazyVendor({ ...vending, ...vendorOptions(options) }, options.recordIssuance === false ? undefined : stores.events);
    this.#ensureMigrated = options.migrateOnFirstUse ? lazyMigration(this.#handler, (orgId) => this.externalIdOf(orgId)) : async () => undefined;
  }

  /** Opens the stores at `options.store` (default: the embedded SQLite file). */
  static async open(options: OpenOptions = {}): Promise<Providers> {
    if (typeof options.store === 'object') return new Providers(options.store, { ...options, masterKeys: options.masterKeys ?? MasterKeyring.fromEnvironment() });
    const stores = await openStores(parseStoreUrl(options.store ?? DEFAULT_STORE_URL), options.readOnly ? { readOnly: true } : {});
    try {
      return new Providers(stores, { ...options, masterKeys: options.masterKeys ?? MasterKeyring.fromEnvironment() });
    } catch (error) {
      // Options refused after the stores opened (a bad cache bound, no usable master key): the stores opened here close here.
      await stores.close();
      throw error;
    }
  }

  /** Adds a provider; secrets are sealed first, a role without an external id gets the org's, static keys' account is observed where it must be (credential-commands.ts). */
  addProvider(input: In.AddProviderInput): WriteOutcome {
    return addProviderWrite(this.#credentialWrites, input);
  }

  /** Renames a provider (names are unique in the org regardless of case). */
  renameProvider(input: In.RenameProviderInput): WriteOutcome {
    return this.#onProvider(input, (providerId) => ({ type: 'RenameProvider', ...stamp(input), providerId, name: input.name }));
  }

  /** Replaces a provider's credentials (sealed under the provider's own data key). */
  updateCredentials(input: In.UpdateCredentialsInput): WriteOutcome {
    return updateCredentialsWrite(this.#credentialWrites, input);
  }

  /** Removes a provider (refused while used, unless `force`); `shred` then deletes its data key (`shred(orgId)` finishes it after a crash). */
  async removeProvider(input: In.RemoveProviderInput): WriteOutcome {
    const flags = { ...(input.force ? { force: true } : {}), ...(input.shred ? { shred: true } : {}) };
    const result = await this.#onProvider(input, (providerId) => ({ type: 'RemoveProvider', ...stamp(input), providerId, ...flags }));
    if (E.isRight(result) && input.shred) await shredRemovedProvider(this.#sealer, input.orgId, result.right.events);
    return result;
  }

  /** Links a provider to a service, or with `stage` (and `region`) to a stage or one instance. */
  link(input: In.LinkInput): WriteOutcome {
    return this.#onProvider(input, (providerId) => linkCommand(input, providerId));
  }

  /** Says that a service, a stage or an instance deploys with the deployer's own credentials for a type (default `aws`), on purpose. */
  linkLocalCredentials(input: In.LinkLocalCredentialsInput): WriteOutcome {
    return this.#handler.execute(linkLocalCommand(input));
  }

  /** Unlinks the provider of a type (default `aws`) from a service, a stage or an instance. */
  unlink(input: In.UnlinkInput): WriteOutcome {
    return this.#handler.execute(unlinkCommand(input));
  }

  /** Makes a provider the organization default of its type. */
  setDefault(input: In.SetDefaultInput): WriteOutcome {
    return this.#onProvider(input, (providerId) => ({ type: 'SetDefaultProvider', ...stamp(input), providerId, ...(input.replace ? { replace: true } : {}) }));
  }

  /** Clears the organization default of a type (default `aws`). */
  clearDefault(input: In.ClearDefaultInput): WriteOutcome {
    return this.#handler.execute({ type: 'ClearDefaultProvider', ...stamp(input), providerType: input.type ?? 'aws' });
  }

  /** Pins the org, a service, a stage or an instance to the AWS accounts its deployments may use (admins only). */
  pin(input: In.PinInput): WriteOutcome {
    return this.#handler.execute(pinCommand(input));
  }

  /** Removes a scope's account pin (admins only): wider pins still bind it. */
  unpin(input: In.UnpinInput): WriteOutcome {
    return this.#handler.execute(unpinCommand(input));
  }

  /** Imports a legacy export and migrates its deployment profiles to providers (idempotent); `dryRun` only plans. */
  async migrate(input: MigrateInput): Promise<E.Either<ImportError, MigrationFromExportReport>> {
    return migrateExport(this.#handler, input, await this.externalIdOf(input.orgId));
  }

  /** Deletes the data keys of the org's providers removed with `shred` that are still there; returns their key ids. */
  async shred(orgId: string): Promise<readonly string[]> {
    return shredRemoved(this.#sealer, orgId, await this.history(orgId));
  }

  /** Re-wraps every data key not wrapped by the current master key; the events are untouched. */
  rotateMasterKey(): Promise<RotationReport> {
    return this.#sealer.rotate();
  }

  /** A current provider of the org by id or by name (any case). */
  async findProvider(orgId: string, idOrName: string): Promise<ProviderState | undefined> {
    return findProvider(await this.#handler.state(orgId), idOrName);
  }

  /** The external id the org's access roles use: generated once (or taken from its roles) and recorded. */
  async externalIdOf(orgId: string): Promise<string> {
    return orgExternalIdOf(this.#stores.events, orgId).current(await this.#handler.state(orgId));
  }

  /** The CloudFormation template of the org's access role (see org-iam-template.ts). */
  iamTemplate(input: OrgIamTemplateInput): Promise<object> {
    return orgIamTemplate(input, {
      externalIdOf: (orgId) => this.externalIdOf(orgId),
      vendingAccountId: async () => (await (await this.#vendor.get()).vendingIdentity()).accountId,
    });
  }

  /** An AWS SDK v3 credential provider for one deployment (`new S3Client({ credentials })`), renewed before it expires. */
  credentialProvider(request: VendRequest, options: CredentialProviderOptions = {}): AwsCredentialsProvider {
    return credentialProviderOf((r) => this.vend(r), request, options);
  }

  /** The org's current providers by name, each with where it is used and who set that when. */
  async listProviders(orgId: string): Promise<CatalogEntry[]> {
    return catalogEntries(await this.readModels(orgId), orgId);
  }

  /** A current provider by id or name with its usages, or undefined. */
  async showProvider(orgId: string, idOrName: string): Promise<CatalogEntry | undefined> {
    return catalogEntries(await this.readModels(orgId), orgId, idOrName)[0];
  }

  /** Which provider (instance > stage > service > org default > none) a deployment uses, and why; throws `InvalidResolveRequest`, `InvalidAsOf`. */
  resolve(request: ResolveRequest, given: AsOf = {}): Promise<Resolution> {
    return resolveDeployment(this.#handler, this.#ensureMigrated, request, given);
  }

  /** Resolves, then vends (role session, unsealed keys or fields, or with `allowLocalFallback` one's own); else throws a typed vending error. */
  async vend(request: VendRequest): Promise<VendResult> {
    return (await this.#vendor.get()).vend(request);
  }

  /** Checks that a role can be assumed with the external id, and not without it (the confused-deputy check). */
  async verifyRole(input: VerifyRoleInput): Promise<RoleVerified> {
    return (await this.#vendor.get()).verifyRole(input);
  }

  /** Who received credentials, oldest first, filtered like the audit trail (see issuance.ts). */
  issuance(orgId: string, query: IssuanceQuery = {}): Promise<IssuanceRow[]> {
    return issuanceOf(this.#stores.events, orgId, query, this.readModels(orgId));
  }

  /** Removes the org's issuance records older than `90d`, `36h`… by the store's time (the newest stays; decisions untouched). */
  async pruneIssuance(orgId: string, olderThan: string): Promise<IssuancePruned> {
    return (await import('@providers/vending')).pruneIssuance(this.#stores.events, { orgId, olderThan, now: this.#clock() });
  }

  /** The global position of the store's last event, of every org (0n: an empty store). */
  headPosition(): Promise<bigint> {
    return this.#stores.events.headPosition();
  }

  /** The org's events in order, as stored (secrets sealed). */
  history(orgId: string): Promise<RecordedEvent[]> {
    return orgHistory(this.#stores.events, orgId);
  }

  /** Who added, linked, replaced and removed which provider and account, oldest first (one org, or all). */
  async audit(query: AuditQuery): Promise<AuditFact[]> {
    if (query.orgId === undefined) return auditFacts(this.#stores.events, query);
    return (await this.#models.current(query.orgId)).audit.query(query);
  }

  /** The org's read models (index, catalog, audit trail): now, cached and tail-read (query them at once), or as of a point. */
  readModels(orgId: string, asOf: AsOf = {}): Promise<AsOfReadModels> {
    return this.#models.at(orgId, asOf);
  }

  /** Read models of every org kept current by a live subscription, for a long-running process. */
  live(options: LiveOptions = {}): Promise<LiveReadModels> {
    return liveReadModels(this.#stores, options);
  }

  /** Replays the whole log into every read model and every org's state, and saves their snapshots in the store. */
  async rebuild(input: RebuildInput = {}): Promise<RebuildResult> {
    return { ...(await rebuildReadModelsOf(this.#stores, input)), orgs: await this.#handler.rebuildStates() };
  }

  /** Closes the stores and the vendor's STS client. */
  async close(): Promise<void> {
    await this.#vendor.close();
    await this.#stores.close();
  }

  /** A command about one provider, named by id or name: the name is read on the state it is decided on. */
  #onProvider(input: WriteContext & { readonly provider: string }, build: (providerId: string) => Command): WriteOutcome {
    return this.#handler.transact({
      orgId: input.orgId,
      prepare: async (state) => E.right({ command: build(findProvider(state, input.provider)?.id ?? input.provider) }),
    });
  }
}
