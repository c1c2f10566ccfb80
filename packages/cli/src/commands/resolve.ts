import type { Command } from 'commander';
import * as E from 'fp-ts/lib/Either.js';
import { parseAsOf } from '@providers/sdk';
import { UsageError } from '../cli-errors.js';
import type { Define } from '../program.js';
import { orgCommand } from './subcommand.js';
import { deploymentOf, targetOptions } from './target-options.js';

/** `--as-of`, by the domain's one as-of parser: a malformed value is a usage error naming the flag. */
const asOfOption = (value: string | undefined) => {
  if (value === undefined) return {};
  const parsed = parseAsOf(value, '--as-of');
  if (E.isLeft(parsed)) throw new UsageError(parsed.left.message, 'as-of');
  return parsed.right;
};

/** `providers resolve`: which provider a deployment uses, where from, and (--explain) why. */
export const registerResolve = (program: Command, define: Define) =>
  define(
    targetOptions(
      orgCommand(program, 'resolve', 'which provider does this deployment use? instance > stage > service > org default > none'),
      { stage: 'required', type: true },
    )
      .option('--as-of <when>', 'answer as of a global position (digits) or an ISO-8601 date-time with a zone (Z or ±hh:mm)')
      .option('--explain', 'show every scope looked at and the event that set it'),
    async (ctx, o) => {
      const resolution = await (await ctx.reader()).resolve(
        { orgId: String(o.org), ...deploymentOf(o) },
        asOfOption(o.asOf as string | undefined),
      );
      if (!resolution.provider) await ctx.noteIfUnknown(String(o.org));
      const p = resolution.provider;
      const provider = p ? { id: p.id, name: p.name, type: p.type, accountId: p.accountId ?? null } : null;
      const { pins, allowedAccountIds, accountCheck } = resolution;
      if (ctx.out.json)
        return ctx.out.data({ source: resolution.source, provider, ...(resolution.local ? { local: true } : {}), chain: resolution.chain, pins, allowedAccountIds, accountCheck });
      ctx.out.line(
        p
          ? `${p.name} (${p.type}${p.accountId ? `, account ${p.accountId}` : ''}) from ${resolution.source}`
          : resolution.local
            ? `local credentials, on purpose: the ${resolution.source} is linked to the deployer’s own credentials`
            : `none: no provider is linked; the deployment falls back to its own local credentials`,
      );
      if (o.explain)
        ctx.out.table(
          ['scope', 'key', 'provider', 'set by', 'at', 'position'],
          resolution.chain.map((l) => [
            `${l.scope === resolution.source ? '→ ' : '  '}${l.scope}`,
            l.key,
            l.local ? '(local credentials)' : (l.providerId ?? '-'),
            l.setBy?.actor ?? '-',
            l.setBy?.at ?? '-',
            l.setBy?.position ?? '-',
          ]),
        );
      if (o.explain && pins.length > 0) {
        ctx.out.table(
          ['pinned scope', 'key', 'accounts', 'reason', 'set by', 'at'],
          pins.map((pin) => [pin.scope, pin.key, pin.accountIds.join(', '), pin.reason, pin.setBy.actor, pin.setBy.at]),
        );
        ctx.out.line(`account check: ${accountCheck}; allowed: ${allowedAccountIds?.join(', ') ?? 'any'}`);
      }
    },
  );
