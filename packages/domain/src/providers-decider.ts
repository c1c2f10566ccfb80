import * as E from 'fp-ts/lib/Either.js';
import type { CommandOf } from './commands.js';
import type { ProviderCredentials } from './credentials.js';
import { ok, reject, unchanged, withProvider, type Decider, type Decision } from './decision.js';
import type { DomainError } from './errors.js';
import { accountIdOfRoleArn } from './rules.js';
import { nameKey, type OrgState } from './state.js';
import { describeUsage, releaseEvent, usagesOf } from './usages.js';
import { invalidInput } from './validation.js';

/** The current provider, other than `except`, whose id reads as this name regardless of case. */
const providerWithIdLike = (state: OrgState, name: string, except?: string) =>
  [...state.providers.values()].find((p) => p.id !== except && nameKey(p.id) === nameKey(name));

/** A name is refused when another provider has it, or has it as its id: a reference must never mean two providers. */
const nameTaken = (state: OrgState, name: string, except?: string): DomainError | undefined => {
  const takenBy = state.providerIdsByName.get(nameKey(name));
  if (takenBy !== undefined && takenBy !== except) {
    const existing = state.providers.get(takenBy);
    return {
      _tag: 'ProviderNameTaken',
      field: 'name',
      name,
      takenBy,
      message: `the name "${name}" is taken by provider "${existing?.name ?? takenBy}" (names are unique regardless of case)`,
    };
  }
  const idLike = providerWithIdLike(state, name, except);
  if (!idLike) return undefined;
  return {
    _tag: 'ProviderNameTaken',
    field: 'name',
    name,
    takenBy: idLike.id,
    message: `the name "${name}" is the id of provider "${idLike.name}" (ids and names must never be ambiguous)`,
  };
};

/** An id is refused when another provider is named so: `--provider prod` must not mean two providers. */
const idShadowsName = (state: OrgState, providerId: string, name: string): DomainError | undefined => {
  const namedSo = state.providerIdsByName.get(nameKey(providerId));
  if (namedSo === undefined || nameKey(providerId) === nameKey(name)) return undefined;
  return {
    _tag: 'ProviderAlreadyExists',
    field: 'providerId',
    providerId,
    message: `the id "${providerId}" is the name of provider "${state.providers.get(namedSo)?.name ?? namedSo}" (ids and names must never be ambiguous)`,
  };
};

/** aws providers hold an access role or static keys; every other vendor holds secret fields. */
const credentialsFit = (providerType: string, credentials: ProviderCredentials): DomainError | undefined => {
  const fits = providerType === 'aws' ? credentials.kind !== 'secret' : credentials.kind === 'secret';
  if (fits) return undefined;
  return {
    _tag: 'CredentialsDoNotFitType',
    field: 'credentials.kind',
    providerType,
    kind: credentials.kind,
    message:
      providerType === 'aws'
        ? `an aws provider holds an access role (aws-role) or static keys (aws-keys), not ${credentials.kind}`
        : `a ${providerType} provider holds secret fields (secret), not ${credentials.kind}`,
  };
};

/** The account recorded with credentials, and whether STS observed it (static keys only). */
interface RecordedAccount {
  readonly accountId?: string;
  readonly accountObserved?: true;
}

/**
 * The account of an access role is read from its ARN. Static keys' is the one STS observed for
 * them (GetCallerIdentity, signed with the keys), which a declared one must match; else the
 * declared one, trusted as said.
 */
const accountFor = (
  credentials: ProviderCredentials,
  { accountId: declared, observedAccountId: observed }: { readonly accountId?: string; readonly observedAccountId?: string },
): E.Either<DomainError, RecordedAccount> => {
  if (credentials.kind !== 'aws-keys' && observed !== undefined)
    return E.left(invalidInput('observedAccountId', 'only static keys have an observed account (a role’s is in its ARN)'));
  if (credentials.kind === 'aws-role') {
    const fromArn = accountIdOfRoleArn(credentials.roleArn);
    if (declared !== undefined && declared !== fromArn)
      return E.left(invalidInput('accountId', `the account id must be the one in the role ARN (${fromArn})`));
    return E.right(fromArn ? { accountId: fromArn } : {});
  }
  if (observed === undefined) return E.right(declared ? { accountId: declared } : {});
  if (declared !== undefined && declared !== observed)
    return E.left({
      _tag: 'AccountIdMismatch',
      field: 'accountId',
      declaredAccountId: declared,
      observedAccountId: observed,
      message: `the account id given (${declared}) is not the one the static keys act in: GetCallerIdentity answered ${observed}`,
    });
  return E.right({ accountId: observed, accountObserved: true });
};

const addProvider = (command: CommandOf<'AddProvider'>, state: OrgState): Decision => {
  const { providerId, name, providerType, credentials } = command;
  if (state.providers.has(providerId) || state.removedProviderIds.has(providerId))
    return reject({
      _tag: 'ProviderAlreadyExists',
      field: 'providerId',
      providerId,
      message: `a provider with id ${providerId} exists or existed in this organization`,
    });
  const error = nameTaken(state, name) ?? idShadowsName(state, providerId, name) ?? credentialsFit(providerType, credentials);
  if (error) return reject(error);
  const account = accountFor(credentials, command);
  if (E.isLeft(account)) return account;
  return ok({ type: 'ProviderAdded', data: { providerId, name, type: providerType, credentials, ...account.right } });
};

const renameProvider = (command: CommandOf<'RenameProvider'>, state: OrgState): Decision =>
  withProvider(state, command.providerId, (provider) => {
    if (provider.name === command.name) return unchanged;
    const error = nameTaken(state, command.name, provider.id);
    if (error) return reject(error);
    return ok({ type: 'ProviderRenamed', data: { providerId: provider.id, from: provider.name, to: command.name } });
  });

const updateCredentials = (command: CommandOf<'UpdateProviderCredentials'>, state: OrgState): Decision =>
  withProvider(state, command.providerId, (provider) => {
    const error = credentialsFit(provider.type, command.credentials);
    if (error) return reject(error);
    const account = accountFor(command.credentials, command);
    if (E.isLeft(account)) return account;
    return ok({ type: 'ProviderCredentialsUpdated', data: { providerId: provider.id, credentials: command.credentials, ...account.right } });
  });

const removeProvider = (command: CommandOf<'RemoveProvider'>, state: OrgState): Decision =>
  withProvider(state, command.providerId, (provider) => {
    const usages = usagesOf(state, provider.id);
    if (usages.length > 0 && !command.force)
      return reject({
        _tag: 'ProviderInUse',
        field: 'force',
        providerId: provider.id,
        usages,
        message: `provider "${provider.name}" is in use by ${usages.map(describeUsage).join(', ')}; unlink it first or remove it with force`,
      });
    // A forced removal records each unlink and default clearing as a fact of its own.
    const events = usages.map((usage) => releaseEvent(provider.id, usage));
    events.push({ type: 'ProviderRemoved', data: { providerId: provider.id, ...(command.shred ? { shredded: true } : {}) } });
    return ok(...events);
  });

/** The providers sub-domain: adding, renaming, rotating and removing providers. */
export const providersDecider: Decider<'AddProvider' | 'RenameProvider' | 'UpdateProviderCredentials' | 'RemoveProvider'> = {
  AddProvider: addProvider,
  RenameProvider: renameProvider,
  UpdateProviderCredentials: updateCredentials,
  RemoveProvider: removeProvider,
};
