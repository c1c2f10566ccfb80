// The CLI's edges: --help marks what is required, every whole-number flag refuses a non-number
// alike, a rule's message says what it accepts, and tables fit a terminal.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Output } from '../src/output.js';
import { workspace } from './support.js';

const edges = suite('CLI edges');
const { run } = workspace();

edges('--help marks the required options, and only those', () => {
  const help = run(['link', '--help']).stdout;
  assert.match(help, /--org <org> +organization id \(required\)/);
  assert.match(help, /--app <app> +app name \(required\)/);
  assert.not.match(help, /--stage <stage>[^\n]*\(required\)/);
  assert.match(run(['resolve', '--help']).stdout, /--stage <stage> +stage \(required\)/);
});

edges('a non-number for any whole-number flag is a usage error naming the flag (exit 2)', () => {
  const cases = [
    ['add', '--org', 'acme', '--name', 'dev', '--type', 'aws', '--role-arn', 'arn:aws:iam::111111111111:role/deploy', '--session-duration', 'abc'],
    ['iam-template', '--org', 'acme', '--trusted-account', '111111111111', '--max-session-duration', 'abc'],
    ['serve', '--tokens', 'tokens.json', '--port', '80a'],
  ];
  for (const args of cases) {
    const result = run(args);
    const flag = args[args.length - 2]!;
    assert.is(result.code, 2, `${args[0]} ${flag}: ${result.stderr}`);
    assert.ok(result.stderr.includes(`${flag} takes a whole number`), result.stderr);
  }
  assert.is(run(['history', '--org', 'acme', '--json']).json<unknown[]>().length, 0, 'nothing was recorded');
});

edges('a name outside the rule is refused by a message that says which letters it takes', () => {
  const refused = run(['add', '--org', 'acme', '--name', 'café', '--type', 'aws', '--role-arn', 'arn:aws:iam::111111111111:role/deploy']);
  assert.is(refused.code, 1);
  assert.match(refused.stderr, /ASCII letters/);
});

/** A terminal of `columns` characters that keeps what is written. */
const terminal = (columns: number) => {
  const lines: string[] = [];
  const stream = { isTTY: true, columns, write: (text: string) => (lines.push(...text.split('\n').filter(Boolean)), true) };
  return { stream: stream as unknown as NodeJS.WritableStream, lines };
};

edges('on a terminal, a wide table is cut to its width, the widest column first; into a pipe it is not', () => {
  const rows = [['dev', 'aws', `arn:aws:iam::111111111111:role/${'x'.repeat(80)}`, 'prv-0123456789']];
  const narrow = terminal(60);
  new Output(false, narrow.stream).table(['name', 'type', 'role', 'id'], rows);
  for (const line of narrow.lines) assert.ok(line.length <= 60, `${line.length}: ${line}`);
  assert.match(narrow.lines[1]!, /^dev +aws +arn:aws:iam::111111111111:role\/x*…  prv-0123456789$/);
  const piped = { lines: [] as string[] };
  const pipe = { write: (text: string) => (piped.lines.push(...text.split('\n').filter(Boolean)), true) } as unknown as NodeJS.WritableStream;
  new Output(false, pipe).table(['name', 'type', 'role', 'id'], rows);
  assert.ok(piped.lines[1]!.includes('x'.repeat(80)), 'a pipe got a cut table');
});

edges.run();
