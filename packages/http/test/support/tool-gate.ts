// Tests that need a program this machine may lack (headless Chromium, moto_server). Without it a
// suite records one skipped stand-in and prints why, so a run says what it did not test; where the
// program's REQUIRE_ variable is 1 (CI) its absence is a failure instead, so CI cannot pass without it.
import type { Test } from 'uvu';
import { chromiumPath } from './chromium.js';
import { motoAndAwsCli, motoAvailable } from './moto.js';

/** A program some tests need: why it is missing here (undefined when it is here), and the variable that requires it. */
export interface Needed {
  readonly missing: string | undefined;
  readonly requiredBy: 'REQUIRE_CHROMIUM' | 'REQUIRE_MOTO';
}

/** Headless Chromium, at CHROMIUM_PATH or Debian's path. */
export const chromiumNeeded = (): Needed => ({
  missing: chromiumPath() === undefined ? `no Chromium at ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'} (apt-get install -y chromium, or set CHROMIUM_PATH)` : undefined,
  requiredBy: 'REQUIRE_CHROMIUM',
});

/** moto_server on PATH, and with `awsCli` the AWS CLI too (for a test that runs `aws` against it). */
export const motoNeeded = (needs: { readonly awsCli?: boolean } = {}): Needed => {
  if (!needs.awsCli) return { missing: motoAvailable() ? undefined : 'moto_server is not on PATH (pip install "moto[server]")', requiredBy: 'REQUIRE_MOTO' };
  const availability = motoAndAwsCli();
  return { missing: availability.available ? undefined : availability.reason, requiredBy: 'REQUIRE_MOTO' };
};

/**
 * Whether `test`'s suite has everything it needs. If something is missing it records the skipped
 * test `standIn` on the suite and says false, or throws where that program is required.
 */
export const canRun = <Context>(test: Test<Context>, standIn: string, ...needs: readonly Needed[]): boolean => {
  const missing = needs.find((need) => need.missing !== undefined);
  if (missing === undefined) return true;
  if (process.env[missing.requiredBy] === '1') throw new Error(`${missing.requiredBy}=1 but ${missing.missing}`);
  console.log(`SKIPPED: ${missing.missing}`);
  test.skip(standIn, () => undefined);
  return false;
};
