import type { Command } from 'commander';

/** A subcommand of `parent` and what it is for. */
export const subcommand = (parent: Command, name: string, description: string): Command => parent.command(name).description(description);

/** A subcommand that acts in one organization: `--org` comes first and is required. */
export const orgCommand = (parent: Command, name: string, description: string, orgHelp = 'organization id'): Command =>
  subcommand(parent, name, description).requiredOption('--org <org>', orgHelp);

/** A subcommand that acts on one provider of an organization, named by its name or its id. */
export const providerCommand = (parent: Command, name: string, description: string): Command =>
  orgCommand(parent, name, description).requiredOption('--provider <name>', 'provider name or id');

/** The parser of a repeatable option (`--account A --account B`): each use adds its value to the list. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
