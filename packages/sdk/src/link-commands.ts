import type { Command } from '@providers/domain';
import { stamp } from './write-context.js';
import type { LinkInput, LinkLocalCredentialsInput, UnlinkInput } from './write-inputs.js';

/** The link command of an input: to the service, or to a stage or instance when a stage is given. */
export const linkCommand = (input: LinkInput, providerId: string): Command => {
  const { app, service, stage, region } = input;
  const replace = input.replace ? { replace: true } : {};
  if (stage === undefined && region === undefined) return { type: 'LinkProviderToService', ...stamp(input), providerId, app, service, ...replace };
  // A region without a stage reaches the codec as it is, which names the missing stage.
  return { type: 'LinkProviderToInstance', ...stamp(input), providerId, app, service, stage: stage!, ...(region !== undefined ? { region } : {}), ...replace };
};

/** The local-credentials link command of an input: at the service, or at a stage or instance when a stage is given. */
export const linkLocalCommand = (input: LinkLocalCredentialsInput): Command => {
  const { app, service, stage, region } = input;
  const providerType = input.type ?? 'aws';
  const replace = input.replace ? { replace: true } : {};
  if (stage === undefined && region === undefined) return { type: 'LinkLocalCredentialsToService', ...stamp(input), app, service, providerType, ...replace };
  return { type: 'LinkLocalCredentialsToInstance', ...stamp(input), app, service, stage: stage!, providerType, ...(region !== undefined ? { region } : {}), ...replace };
};

/** The unlink command of an input: from the service, or from a stage or instance when a stage is given. */
export const unlinkCommand = (input: UnlinkInput): Command => {
  const { app, service, stage, region } = input;
  const providerType = input.type ?? 'aws';
  if (stage === undefined && region === undefined) return { type: 'UnlinkProviderFromService', ...stamp(input), app, service, providerType };
  return { type: 'UnlinkProviderFromInstance', ...stamp(input), app, service, stage: stage!, providerType, ...(region !== undefined ? { region } : {}) };
};
