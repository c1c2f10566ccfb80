import type { ActorRole } from './actor.js';
import type { Command, CommandType } from './commands.js';
import type { DomainError } from './errors.js';

/** The roles allowed to manage providers (add, rename, update, remove, defaults) and account pins. */
export const MANAGING_ROLES: readonly ActorRole[] = ['owner', 'admin', 'system'];
/** The roles allowed to link and unlink providers. */
export const LINKING_ROLES: readonly ActorRole[] = ['owner', 'admin', 'member', 'system'];

/**
 * Who may do what, as data: owners and admins manage providers, defaults and
 * the legacy profiles; members also link and unlink; `system` (the migration)
 * may do all of it. One row per command, so a new command must say who sends it.
 */
export const PERMISSIONS: { readonly [K in CommandType]: readonly ActorRole[] } = {
  AddProvider: MANAGING_ROLES,
  RenameProvider: MANAGING_ROLES,
  UpdateProviderCredentials: MANAGING_ROLES,
  RemoveProvider: MANAGING_ROLES,
  SetDefaultProvider: MANAGING_ROLES,
  ClearDefaultProvider: MANAGING_ROLES,
  LinkProviderToService: LINKING_ROLES,
  UnlinkProviderFromService: LINKING_ROLES,
  LinkProviderToInstance: LINKING_ROLES,
  UnlinkProviderFromInstance: LINKING_ROLES,
  LinkLocalCredentialsToService: LINKING_ROLES,
  LinkLocalCredentialsToInstance: LINKING_ROLES,
  PinAccount: MANAGING_ROLES,
  RemoveAccountPin: MANAGING_ROLES,
  CreateDeploymentProfile: MANAGING_ROLES,
  UpdateDeploymentProfile: MANAGING_ROLES,
  LinkStageToDeploymentProfile: MANAGING_ROLES,
  RecordInstanceDeployed: LINKING_ROLES,
  MarkDeploymentProfileMigrated: MANAGING_ROLES,
};

/** `AddProvider` → `add provider`. */
const describe = (type: CommandType): string => type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** The rejection of a command its actor's role may not send, or undefined when it may. */
export const permissionDenied = (command: Command): DomainError | undefined => {
  const allowed = PERMISSIONS[command.type];
  const { role } = command.actor;
  if (allowed.includes(role)) return undefined;
  return {
    _tag: 'PermissionDenied',
    field: 'actor.role',
    role,
    allowed,
    message: `a ${role} may not ${describe(command.type)}; this needs one of: ${allowed.join(', ')}`,
  };
};
