import { CommanderError } from 'commander';
import { EXIT, classify } from './cli-errors.js';
import type { CliContext, CliEnvironment } from './context.js';
import { Output } from './output.js';
import { buildProgram } from './program.js';

/** Runs the CLI on these arguments (without `node` and the script) and returns its exit code. */
export const runCli = async (argv: readonly string[], environment: CliEnvironment): Promise<number> => {
  const contexts: CliContext[] = [];
  const json = argv.includes('--json');
  const program = buildProgram(environment, contexts, json);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with code 0; every other parse error is a usage error.
      if (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
      if (json) new Output(true, environment.stdout, environment.stderr).error('UsageError', error.message.replace(/^error: /, ''));
      return EXIT.usage;
    }
    const { code, tag, message, field } = classify(error);
    const out = contexts[0]?.out ?? new Output(json, environment.stdout, environment.stderr);
    out.error(tag, message, field);
    return code;
  } finally {
    for (const ctx of contexts) await ctx.close().catch(() => undefined);
  }
};
