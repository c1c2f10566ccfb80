// The subcommands as declared (the program itself, no bundle): the shared option
// blocks say the same thing wherever they are used.
import { PassThrough } from 'node:stream';
import type { Command } from 'commander';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildProgram } from '../src/program.js';

const declarations = suite('CLI command declarations');
const stream = () => new PassThrough();
const program = buildProgram({ env: {}, stdin: stream(), stdout: stream(), stderr: stream() }, []);

const commands = (command: Command): Command[] => command.commands.flatMap((sub) => [sub, ...commands(sub)]);
const find = (path: string): Command => {
  const found = path.split(' ').reduce<Command | undefined>((parent, name) => parent?.commands.find((c) => c.name() === name), program);
  if (!found) throw new Error(`no command ${path}`);
  return found;
};
const flags = (command: Command) => command.options.map((option) => `${option.flags} ${option.description}`);

declarations('every command with --org asks for it first, as required, with one meaning', () => {
  const withOrg = commands(program).filter((c) => c.options.some((option) => option.long === '--org'));
  assert.ok(withOrg.length >= 15, `found ${withOrg.length} commands with --org`);
  for (const command of withOrg) {
    const [first] = command.options;
    assert.is(first?.long, '--org', `${command.name()} asks for --org first`);
    assert.ok(first?.mandatory, `${command.name()} requires --org`);
    assert.match(first?.description ?? '', /^organization id/, `${command.name()}'s --org is an organization id`);
  }
});

declarations('add and update-credentials take the same credential flags, with the same help', () => {
  const credentialFlags = (path: string) => flags(find(path)).filter((flag) => /^--(role-arn|external-id|session-duration|access-key-id|account-id|observe-account|secret-)/.test(flag));
  const added = credentialFlags('add');
  assert.is(added.length, 10);
  assert.equal(credentialFlags('update-credentials'), added);
});

declarations('commands on one provider name it by --provider, required, after --org', () => {
  for (const path of ['rename', 'update-credentials', 'remove', 'show', 'default set']) {
    const [org, provider] = find(path).options;
    assert.is(org?.long, '--org', path);
    assert.is(provider?.long, '--provider', path);
    assert.ok(provider?.mandatory, `${path} requires --provider`);
  }
});

declarations.run();
