import type { Command } from 'commander';
import type { Define } from '../program.js';
import { registerAdd } from './add.js';
import { registerAudit } from './audit.js';
import { registerCredentials } from './credentials.js';
import { registerDefault } from './default.js';
import { registerHistory } from './history.js';
import { registerIamTemplate } from './iam-template.js';
import { registerLink } from './link.js';
import { registerManage } from './manage.js';
import { registerMasterKey } from './master-key.js';
import { registerMigrate } from './migrate.js';
import { registerRebuild } from './rebuild.js';
import { registerResolve } from './resolve.js';
import { registerServe } from './serve.js';
import { registerServerlessEnv } from './serverless-env.js';
import { registerList, registerShow } from './show.js';
import { registerStatus } from './status.js';

/** Every subcommand of `providers`, in the order `--help` lists them. */
export const registerCommands = (program: Command, define: Define): void => {
  registerStatus(program, define);
  registerAdd(program, define);
  registerList(program, define);
  registerShow(program, define);
  registerManage(program, define);
  registerDefault(program, define);
  registerLink(program, define);
  registerResolve(program, define);
  registerHistory(program, define);
  registerAudit(program, define);
  registerMigrate(program, define);
  registerRebuild(program, define);
  registerCredentials(program, define);
  registerIamTemplate(program, define);
  registerMasterKey(program, define);
  registerServe(program, define);
  registerServerlessEnv(program, define);
};
