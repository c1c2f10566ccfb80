import type { Command } from 'commander';
import { wholeNumber } from '../number-option.js';
import type { Define } from '../program.js';
import { orgCommand } from './subcommand.js';

/** `providers iam-template`: the CloudFormation template of the org's access role, filled in. */
export const registerIamTemplate = (program: Command, define: Define) =>
  define(
    orgCommand(
      program,
      'iam-template',
      'print a CloudFormation template for the org’s access role: the trust policy requires the org’s external id ' +
        '(generated once, then stable) and trusts the vending account; a sample deployment policy. ' +
        'Deploy it with the parameters that have no default: StackNamePrefix, DeploymentBucketName, FunctionNamePrefix ' +
        '(PassRolePathPrefix defaults to /deployed/)',
      'organization id: its external id goes into the trust policy',
    )
      .option('--trusted-account <id>', 'the 12-digit account that vends credentials (default: the vending identity’s, from STS GetCallerIdentity)')
      .option('--external-id <id>', 'another external id than the org’s (providers added without --external-id use the org’s)')
      .option('--max-session-duration <seconds>', 'MaxSessionDuration of the role, 3600–43200')
      .option('--role-name <name>', 'the role’s name'),
    async (ctx, o) => {
      const template = await (await ctx.providers()).iamTemplate({
        orgId: String(o.org),
        ...(o.trustedAccount !== undefined ? { trustedAccountId: String(o.trustedAccount) } : {}),
        ...(o.externalId !== undefined ? { externalId: String(o.externalId) } : {}),
        ...(o.maxSessionDuration !== undefined ? { maxSessionDurationSeconds: wholeNumber('max-session-duration', o.maxSessionDuration) } : {}),
        ...(o.roleName !== undefined ? { roleName: String(o.roleName) } : {}),
      });
      ctx.out.data(template);
    },
  );
