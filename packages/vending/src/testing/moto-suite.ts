// Every suite on moto starts the same way: moto_server and a HOME of the suite's own (for the AWS
// CLI's config) are up before its first test and gone after its last, and where moto cannot run
// the suite is one skipped stand-in (see motoTestsRun).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite, type Test } from 'uvu';
import { motoTestsRun, startMotoServer, type MotoServer } from './moto-server.js';

/** What a suite on moto has once it started: the server, and the HOME its AWS CLI runs in. */
export interface OnMoto {
  moto: MotoServer;
  home: string;
}

/**
 * The suite `title`, whose tests `define` registers on `test`, sharing `context` (what its own
 * `before` hooks set up beside moto and home). Its `before` hooks run once moto is up, its `after`
 * hooks before moto stops. Where moto cannot run, the suite holds only the skipped `standIn`.
 */
export const motoSuite = <Context extends OnMoto>(title: string, standIn: string, define: (test: Test, context: Context) => void): Test => {
  const test = suite(title);
  if (!motoTestsRun(title)) {
    test.skip(standIn, () => undefined);
    return test;
  }
  const context = {} as Context;
  test.before(async () => {
    context.moto = await startMotoServer();
    context.home = mkdtempSync(join(tmpdir(), 'providers-moto-home-'));
  });
  define(test, context);
  test.after(async () => {
    await context.moto?.close();
    if (context.home) rmSync(context.home, { recursive: true, force: true });
  });
  return test;
};
