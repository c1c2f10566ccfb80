// Row: the CLI's `resolve` on a large store beside `providers --version`, both as fresh processes.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from './context.js';
import { formatMs, log, sideBySide, type BenchRow } from './measure.js';

const cli = fileURLToPath(new URL('../../packages/cli/bin/providers.js', import.meta.url));

const runCli = (args: string[]): string => execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, PROVIDERS_ACTOR: 'bench' } });

/** Measures the CLI row. */
export const cliRow = async (ctx: BenchContext): Promise<BenchRow> => {
  const { orgId, app, service, stage, region } = ctx.history.sample;
  const resolveArgs = ['--store', `sqlite:${ctx.storePath}`, 'resolve', '--org', orgId, '--app', app, '--service', service, '--stage', stage, '--region', region, '--json'];
  const answer = JSON.parse(runCli(resolveArgs)) as { source?: string };
  if (typeof answer.source !== 'string') throw new Error('the CLI resolve printed no resolution');
  const ms = await sideBySide(ctx.sizes.runs, {
    version: () => runCli(['--version']),
    resolve: () => runCli(resolveArgs),
  });
  const ratio = ms.resolve / ms.version;
  log('providers --version', formatMs(ms.version));
  log('providers resolve', `${formatMs(ms.resolve)}  ratio ${ratio.toFixed(2)} (answer: ${answer.source})`);
  const total = ctx.history.events + ctx.sizes.bigOrgEvents;
  return {
    what: `CLI resolve on a store of ${total.toLocaleString('en')} events`,
    figure: `${ratio.toFixed(2)} × (${formatMs(ms.resolve)} vs ${formatMs(ms.version)})`,
    target: '≤ 2 × --version',
    met: ratio <= 2,
    bound: '',
  };
};

/** Measures CLI resolve on the one org of a million events (from its snapshot and tail) beside `providers --version`. */
export const cliBigOrgRow = async (ctx: BenchContext): Promise<BenchRow> => {
  const resolveArgs = ['--store', `sqlite:${ctx.storePath}`, 'resolve', '--org', ctx.bigOrgId, '--app', 'bench-app', '--service', 'bench-svc', '--stage', 'prod', '--region', 'eu-west-1', '--json'];
  const answer = JSON.parse(runCli(resolveArgs)) as { source?: string };
  if (answer.source !== 'instance') throw new Error(`the CLI resolve on the big org answered ${String(answer.source)} (the serving row links its bench instance)`);
  const ms = await sideBySide(ctx.sizes.runs, {
    version: () => runCli(['--version']),
    resolve: () => runCli(resolveArgs),
  });
  const ratio = ms.resolve / ms.version;
  log('providers --version', formatMs(ms.version));
  log('providers resolve, one org of the big history', `${formatMs(ms.resolve)}  ratio ${ratio.toFixed(2)}`);
  return {
    what: `CLI resolve on one org of ${ctx.sizes.bigOrgEvents.toLocaleString('en')} events`,
    figure: `${ratio.toFixed(2)} × (${formatMs(ms.resolve)} vs ${formatMs(ms.version)})`,
    target: '≤ 2 × --version',
    met: ratio <= 2,
    bound: '',
  };
};
