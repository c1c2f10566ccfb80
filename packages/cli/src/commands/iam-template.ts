import type { Command } from 'commander';
import type { Define } from '../program.js';

/** `providers iam-template`: the CloudFormation template of an access role that trusts the vending account. */
export const registerIamTemplate = (program: Command, define: Define) =>
  define(
    program
      .command('iam-template')
      .description('print a CloudFormation template for the access role (trust policy with the external id, sample deployment policy)')
      .requiredOption('--trusted-account <id>', 'the 12-digit account that vends credentials (trusted by the role)')
      .requiredOption('--external-id <id>', 'the external id the trust policy requires')
      .option('--max-session-duration <seconds>', 'MaxSessionDuration of the role, 3600–43200')
      .option('--role-name <name>', 'the role’s name'),
    async (ctx, o) => {
      const { iamTemplate } = await import('@providers/vending');
      const template = iamTemplate({
        trustedAccountId: String(o.trustedAccount),
        externalId: String(o.externalId),
        ...(o.maxSessionDuration !== undefined ? { maxSessionDurationSeconds: Number(o.maxSessionDuration) } : {}),
        ...(o.roleName !== undefined ? { roleName: String(o.roleName) } : {}),
      });
      ctx.out.data(template);
    },
  );
