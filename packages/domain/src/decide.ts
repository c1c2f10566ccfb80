import * as E from 'fp-ts/lib/Either.js';
import { LINKING_ROLES, MANAGING_ROLES, type ActorRole } from './actor.js';
import type { Command, CommandOf } from './commands.js';
import type { ProviderCredentials } from './credentials.js';
import type { DomainError, Usage } from './errors.js';
import type { DomainEvent } from './events.js';
import { accountIdOfRoleArn } from './rules.js';
import { linkScopeOf, scopeKey, slotKey, type LinkScope, type Scope } from './scope.js';
import { nameKey, stageProfileKey, type OrgState, type ProviderState } from './state.js';
import { invalidInput, validateCommand } from './validation.js';

type Decision = E.Either<DomainError, readonly DomainEvent[]>;

const ok = (...events: DomainEvent[]): Decision => E.right(events);
const reject = (error: DomainError): Decision => E.left(error);
/** The command changes nothing (e.g. linking what is already linked): no event, no error. */
const unchanged: Decision = E.right([]);

/**
 * The organization decider: given the org's state, accept a command (the
 * events it causes) or reject it with a typed error. Pure: ids and time come
 * in with the command.
 */
export const decide = (input: Command, state: OrgState): Decision => {
  const validated = validateCommand(input);
  if (E.isLeft(validated)) return validated;
  const command = validated.right;
  // Sending the same command twice appends once.
  if (state.commandIds.has(command.commandId)) return unchanged;
  switch (command.type) {
    case 'AddProvider':
      return guard(command, MANAGING_ROLES, () => addProvider(command, state));
    case 'RenameProvider':
      return guard(command, MANAGING_ROLES, () => renameProvider(command, state));
    case 'UpdateProviderCredentials':
      return guard(command, MANAGING_ROLES, () => updateCredentials(command, state));
    case 'RemoveProvider':
      return guard(command, MANAGING_ROLES, () => removeProvider(command, state));
    case 'SetDefaultProvider':
      return guard(command, MANAGING_ROLES, () => setDefault(command, state));
    case 'ClearDefaultProvider':
      return guard(command, MANAGING_ROLES, () => clearDefault(command, state));
    case 'LinkProviderToService':
      return guard(command, LINKING_ROLES, () =>
        linkProvider(state, command.providerId, { kind: 'service', app: command.app, service: command.service }, command.replace),
      );
    case 'LinkProviderToInstance':
      return guard(command, LINKING_ROLES, () =>
        linkProvider(
          state,
          command.providerId,
          linkScopeOf(command),
          command.replace,
        ),
      );
    case 'UnlinkProviderFromService':
      return guard(command, LINKING_ROLES, () =>
        unlinkProvider(state, command.providerType, { kind: 'service', app: command.app, service: command.service }),
      );
    case 'UnlinkProviderFromInstance':
      return guard(command, LINKING_ROLES, () =>
        unlinkProvider(
          state,
          command.providerType,
          linkScopeOf(command),
        ),
      );
    case 'CreateDeploymentProfile':
      return guard(command, MANAGING_ROLES, () => createProfile(command, state));
    case 'UpdateDeploymentProfile':
      return guard(command, MANAGING_ROLES, () => updateProfile(command, state));
    case 'LinkStageToDeploymentProfile':
      return guard(command, MANAGING_ROLES, () => linkStageToProfile(command, state));
    case 'MarkDeploymentProfileMigrated':
      return guard(command, MANAGING_ROLES, () => markMigrated(command, state));
    case 'RecordInstanceDeployed':
      return guard(command, LINKING_ROLES, () => {
        const { app, service, stage, region } = command;
        return ok({ type: 'InstanceDeployed', data: { app, service, stage, ...(region ? { region } : {}) } });
      });
  }
};

const guard = (command: Command, allowed: readonly ActorRole[], decision: () => Decision): Decision =>
  allowed.includes(command.actor.role)
    ? decision()
    : reject({
        _tag: 'PermissionDenied',
        field: 'actor.role',
        role: command.actor.role,
        allowed,
        message: `a ${command.actor.role} may not ${describe(command)}; this needs one of: ${allowed.join(', ')}`,
      });

const describe = (command: Command): string =>
  command.type
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();

const providerNotFound = (providerId: string): DomainError => ({
  _tag: 'ProviderNotFound',
  field: 'providerId',
  providerId,
  message: `no provider ${providerId} in this organization`,
});

const withProvider = (state: OrgState, providerId: string, then: (provider: ProviderState) => Decision): Decision => {
  const provider = state.providers.get(providerId);
  return provider ? then(provider) : reject(providerNotFound(providerId));
};

const nameTaken = (state: OrgState, name: string, except?: string): DomainError | undefined => {
  const takenBy = state.providerIdsByName.get(nameKey(name));
  if (takenBy === undefined || takenBy === except) return undefined;
  const existing = state.providers.get(takenBy);
  return {
    _tag: 'ProviderNameTaken',
    field: 'name',
    name,
    takenBy,
    message: `the name "${name}" is taken by provider "${existing?.name ?? takenBy}" (names are unique regardless of case)`,
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

/** The account of an access role is read from its ARN; for static keys it is what the admin said. */
const accountIdFor = (credentials: ProviderCredentials, given: string | undefined): E.Either<DomainError, string | undefined> => {
  if (credentials.kind !== 'aws-role') return E.right(given);
  const fromArn = accountIdOfRoleArn(credentials.roleArn);
  if (given !== undefined && given !== fromArn)
    return E.left(invalidInput('accountId', `the account id must be the one in the role ARN (${fromArn})`));
  return E.right(fromArn);
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
  const error = nameTaken(state, name) ?? credentialsFit(providerType, credentials);
  if (error) return reject(error);
  const accountId = accountIdFor(credentials, command.accountId);
  if (E.isLeft(accountId)) return accountId;
  return ok({
    type: 'ProviderAdded',
    data: { providerId, name, type: providerType, credentials, ...(accountId.right ? { accountId: accountId.right } : {}) },
  });
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
    const accountId = accountIdFor(command.credentials, command.accountId);
    if (E.isLeft(accountId)) return accountId;
    return ok({
      type: 'ProviderCredentialsUpdated',
      data: { providerId: provider.id, credentials: command.credentials, ...(accountId.right ? { accountId: accountId.right } : {}) },
    });
  });

/** Where a provider is in use: its links and the defaults it holds. */
export const usagesOf = (state: OrgState, providerId: string): Usage[] => {
  const usages: Usage[] = [];
  for (const slot of state.slotsByProvider.get(providerId) ?? []) {
    const link = state.links.get(slot);
    if (link?.providerId !== providerId) continue;
    const { scope } = link;
    if (scope.kind === 'service') usages.push({ kind: 'service', app: scope.app, service: scope.service });
    else
      usages.push({
        kind: 'instance',
        app: scope.app,
        service: scope.service,
        stage: scope.stage,
        ...(scope.kind === 'instance' ? { region: scope.region } : {}),
      });
  }
  for (const [type, { providerId: id }] of state.defaults) if (id === providerId) usages.push({ kind: 'default', type });
  return usages;
};

const describeUsage = (usage: Usage): string =>
  usage.kind === 'default'
    ? `the organization default for ${usage.type}`
    : usage.kind === 'service'
      ? `service ${usage.app}/${usage.service}`
      : `instance ${[usage.app, usage.service, usage.stage, usage.region].filter(Boolean).join('/')}`;

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

/** The event that ends one usage of a provider. */
const releaseEvent = (providerId: string, usage: Usage): DomainEvent => {
  switch (usage.kind) {
    case 'default':
      return { type: 'DefaultProviderCleared', data: { providerId, type: usage.type } };
    case 'service':
      return { type: 'ProviderUnlinkedFromService', data: { providerId, app: usage.app, service: usage.service } };
    case 'instance': {
      const { app, service, stage, region } = usage;
      return { type: 'ProviderUnlinkedFromInstance', data: { providerId, app, service, stage, ...(region ? { region } : {}) } };
    }
  }
};

const setDefault = (command: CommandOf<'SetDefaultProvider'>, state: OrgState): Decision =>
  withProvider(state, command.providerId, (provider) => {
    const current = state.defaults.get(provider.type)?.providerId;
    if (current === provider.id) return unchanged;
    return ok({
      type: 'DefaultProviderSet',
      data: { providerId: provider.id, type: provider.type, ...(current ? { replacedProviderId: current } : {}) },
    });
  });

const clearDefault = (command: CommandOf<'ClearDefaultProvider'>, state: OrgState): Decision => {
  const current = state.defaults.get(command.providerType)?.providerId;
  if (current === undefined)
    return reject({
      _tag: 'NoDefaultProvider',
      field: 'providerType',
      providerType: command.providerType,
      message: `the organization has no default ${command.providerType} provider`,
    });
  return ok({ type: 'DefaultProviderCleared', data: { providerId: current, type: command.providerType } });
};

const linkProvider = (state: OrgState, providerId: string, scope: LinkScope, replace: boolean | undefined): Decision =>
  withProvider(state, providerId, (provider) => {
    const current = state.links.get(slotKey(provider.type, scope));
    if (current?.providerId === provider.id) return unchanged;
    if (current && !replace) {
      const linked = state.providers.get(current.providerId);
      return reject({
        _tag: 'ScopeAlreadyLinked',
        field: 'replace',
        scope,
        linkedProviderId: current.providerId,
        message: `${scope.kind} ${scopeKey(scope)} already uses ${provider.type} provider "${linked?.name ?? current.providerId}"; link with replace (CLI: --replace) to use "${provider.name}" instead`,
      });
    }
    const replaced = current ? { replacedProviderId: current.providerId } : {};
    if (scope.kind === 'service')
      return ok({ type: 'ProviderLinkedToService', data: { providerId: provider.id, app: scope.app, service: scope.service, ...replaced } });
    return ok({
      type: 'ProviderLinkedToInstance',
      data: {
        providerId: provider.id,
        app: scope.app,
        service: scope.service,
        stage: scope.stage,
        ...(scope.kind === 'instance' ? { region: scope.region } : {}),
        ...replaced,
      },
    });
  });

const unlinkProvider = (state: OrgState, providerType: string, scope: LinkScope): Decision => {
  const current = state.links.get(slotKey(providerType, scope));
  if (!current)
    return reject({
      _tag: 'NothingLinked',
      field: 'providerType',
      scope: scope as Scope,
      message: `no ${providerType} provider is linked to ${scope.kind} ${scopeKey(scope)}`,
    });
  const { providerId } = current;
  if (scope.kind === 'service')
    return ok({ type: 'ProviderUnlinkedFromService', data: { providerId, app: scope.app, service: scope.service } });
  return ok({
    type: 'ProviderUnlinkedFromInstance',
    data: {
      providerId,
      app: scope.app,
      service: scope.service,
      stage: scope.stage,
      ...(scope.kind === 'instance' ? { region: scope.region } : {}),
    },
  });
};

const createProfile = (command: CommandOf<'CreateDeploymentProfile'>, state: OrgState): Decision => {
  if (state.profiles.has(command.profileId))
    return reject({
      _tag: 'DeploymentProfileAlreadyExists',
      field: 'profileId',
      profileId: command.profileId,
      message: `deployment profile ${command.profileId} exists already`,
    });
  const { profileId, name, roleArn } = command;
  return ok({ type: 'DeploymentProfileCreated', data: { profileId, name, ...(roleArn ? { roleArn } : {}) } });
};

const updateProfile = (command: CommandOf<'UpdateDeploymentProfile'>, state: OrgState): Decision => {
  const profile = state.profiles.get(command.profileId);
  if (!profile)
    return reject({
      _tag: 'DeploymentProfileNotFound',
      field: 'profileId',
      profileId: command.profileId,
      message: `no deployment profile ${command.profileId} in this organization`,
    });
  // Once migrated, the provider is the one place a role is changed: two sources of truth would drift.
  if (profile.migratedTo !== undefined && command.roleArn !== profile.roleArn)
    return reject({
      _tag: 'DeploymentProfileMigratedAlready',
      field: 'roleArn',
      profileId: profile.profileId,
      providerId: profile.migratedTo,
      message:
        profile.migratedTo === null
          ? `deployment profile "${profile.name}" was migrated to providers; add an AWS provider instead of giving the profile a role`
          : `deployment profile "${profile.name}" was migrated to provider ${profile.migratedTo}; change the role on that provider`,
    });
  const { profileId, name, roleArn } = command;
  if (name === profile.name && roleArn === profile.roleArn) return unchanged;
  return ok({ type: 'DeploymentProfileUpdated', data: { profileId, name, ...(roleArn ? { roleArn } : {}) } });
};

const linkStageToProfile = (command: CommandOf<'LinkStageToDeploymentProfile'>, state: OrgState): Decision => {
  if (!state.profiles.has(command.profileId))
    return reject({
      _tag: 'DeploymentProfileNotFound',
      field: 'profileId',
      profileId: command.profileId,
      message: `no deployment profile ${command.profileId} in this organization`,
    });
  if (state.stageProfiles.get(stageProfileKey(command.app, command.stage)) === command.profileId) return unchanged;
  const { app, stage, profileId } = command;
  return ok({ type: 'StageLinkedToDeploymentProfile', data: { app, stage, profileId } });
};

const markMigrated = (command: CommandOf<'MarkDeploymentProfileMigrated'>, state: OrgState): Decision => {
  const profile = state.profiles.get(command.profileId);
  if (!profile)
    return reject({
      _tag: 'DeploymentProfileNotFound',
      field: 'profileId',
      profileId: command.profileId,
      message: `no deployment profile ${command.profileId} in this organization`,
    });
  if (profile.migratedTo !== undefined) return unchanged;
  if (command.providerId !== null && !state.providers.has(command.providerId)) return reject(providerNotFound(command.providerId));
  if (command.providerId === null && command.reason === undefined)
    return reject(invalidInput('reason', 'a profile that is skipped says why'));
  const { profileId, providerId, reason } = command;
  return ok({ type: 'DeploymentProfileMigrated', data: { profileId, providerId, ...(reason ? { reason } : {}) } });
};
