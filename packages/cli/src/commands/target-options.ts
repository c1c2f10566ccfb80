import type { Command } from 'commander';
import { UsageError } from '../cli-errors.js';

/** Whether the target must name a stage (a deployment) or may stop at the service (a link). */
export interface TargetShape {
  readonly stage: 'required' | 'optional';
  /** Whether the command picks a vendor type (`--type`, default aws). */
  readonly type: boolean;
}

/** The deployment-target options, one block for every command that takes them: --app --service --stage [--region] [--type]. */
export const targetOptions = (command: Command, shape: TargetShape): Command => {
  command.requiredOption('--app <app>', 'app name').requiredOption('--service <service>', 'service name');
  if (shape.stage === 'required') command.requiredOption('--stage <stage>', 'stage');
  else command.option('--stage <stage>', 'a stage: all its regions, unless --region');
  command.option('--region <region>', shape.stage === 'required' ? 'AWS region of the instance' : 'only the instance in this AWS region (needs --stage)');
  return shape.type ? command.option('--type <type>', 'vendor type', 'aws') : command;
};

/** The target the options name; a region without a stage is a usage error. */
export const targetOf = (o: Record<string, unknown>) => {
  if (o.region !== undefined && o.stage === undefined) throw new UsageError('--region needs --stage', 'region');
  return {
    app: String(o.app),
    service: String(o.service),
    ...(o.stage !== undefined ? { stage: String(o.stage) } : {}),
    ...(o.region !== undefined ? { region: String(o.region) } : {}),
    ...(o.type !== undefined ? { type: String(o.type) } : {}),
  };
};

/** A target with a stage, as `targetOptions` with a required stage reads it. */
export const deploymentOf = (o: Record<string, unknown>) => ({ ...targetOf(o), stage: String(o.stage) });

/** How a target reads in messages: app/service[/stage[/region]]. */
export const targetText = (o: Record<string, unknown>): string => [o.app, o.service, o.stage, o.region].filter((v) => v !== undefined).join('/');
