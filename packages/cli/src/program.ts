import { Command, Help, Option } from 'commander';
import { CliContext, type CliEnvironment } from './context.js';
import { registerCommands } from './commands/index.js';
import { VERSION } from './version.js';

/** Runs a subcommand's body with a context built from its flags (global ones included). */
export type Define = (command: Command, body: (ctx: CliContext, options: Record<string, unknown>, args: string[]) => Promise<void>) => Command;

/**
 * The `providers` program: global flags and every subcommand. With `json`,
 * commander's own messages are held back: the caller prints usage errors as JSON.
 */
export const buildProgram = (environment: CliEnvironment, contexts: CliContext[], json = false): Command => {
  const program = new Command('providers')
    .description('Manage cloud-provider credentials for deployments: add providers, link them, resolve and vend them.')
    .version(VERSION, '-V, --version')
    .option('--store <url>', 'event store: sqlite:PATH, memory:, esdb://HOST:PORT?tls=false or postgres://USER@HOST:PORT/DATABASE (env PROVIDERS_STORE; default sqlite:./.providers/events.db)')
    .option('--actor <id>', 'who is acting, recorded on every event (env PROVIDERS_ACTOR; default: the OS user)')
    .addOption(new Option('--role <role>', 'the actor’s role (env PROVIDERS_ROLE; default admin)').choices(['owner', 'admin', 'member', 'system']))
    .option('--verbose', 'say on stderr which store is opened')
    .option('--json', 'print JSON for programs instead of a table, errors included (before or after the command)')
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ optionDescription: markRequired })
    .configureOutput({
      writeOut: (text) => void environment.stdout.write(text),
      writeErr: (text) => void (json ? undefined : environment.stderr.write(text)),
    })
    .exitOverride();

  const define: Define = (command, body) =>
    command
      .exitOverride()
      .action(async (...received: unknown[]) => {
        const self = received[received.length - 1] as Command;
        const args = received.slice(0, -2).filter((a): a is string => typeof a === 'string');
        const ctx = new CliContext(environment, self.optsWithGlobals());
        contexts.push(ctx);
        await body(ctx, self.opts(), args);
      });

  registerCommands(program, define);
  refuseClashes(program);
  return program;
};

const plainHelp = new Help();

/** `--help` says which options a command cannot run without. */
const markRequired = (option: Option): string => {
  const description = plainHelp.optionDescription(option);
  return option.mandatory ? `${description} (required)` : description;
};

/**
 * Global options are read anywhere on the line, so a subcommand option of the
 * same name would silently lose its value to them (`audit --actor` once did):
 * such a program is not built at all.
 */
const refuseClashes = (program: Command): void => {
  const globals = new Set(program.options.map((option) => option.long));
  const visit = (command: Command): void => {
    for (const option of command.options)
      if (globals.has(option.long)) throw new Error(`${command.name()} ${option.long} clashes with the global option of the same name`);
    command.commands.forEach(visit);
  };
  program.commands.forEach(visit);
};
