// The console in headless Chromium, set up the same way by every browser test: a server on a fresh
// store (plus whatever the file adds), then a browser with one page; both closed at the end.
// Where Chromium, or another program the file needs, is missing, one skipped test stands in.
import { suite, type Test } from 'uvu';
import { chromiumPath, launchChromium, type Browser } from './chromium.js';
import { startHarness, type Harness } from './harness.js';
import { canRun, chromiumNeeded, type Needed } from './tool-gate.js';

/** What every browser test gets: the running server and a browser on it. */
export interface InChromium {
  h: Harness;
  browser: Browser;
}

export interface ConsoleInChromiumOptions<Context> {
  /** The name of the skipped test that stands in for the suite where something is missing. */
  readonly standIn: string;
  /** Programs the file needs besides Chromium. */
  readonly needs?: readonly Needed[];
  /** The file's own set-up, after the server starts and before the browser opens. */
  readonly before?: (context: Context) => Promise<void> | void;
  /** The file's own tear-down, after the browser and the server are closed. */
  readonly after?: (context: Partial<Context>) => Promise<void> | void;
}

/** Registers the suite `title` (its tests through `tests`, given the context's extra fields as `Extra`) and runs it. */
export const consoleInChromium = <Extra extends object = object>(
  title: string,
  options: ConsoleInChromiumOptions<InChromium & Extra>,
  tests: (browserSuite: Test<InChromium & Extra>) => void,
): void => {
  const browserSuite = suite<InChromium & Extra>(title, {} as InChromium & Extra);
  const path = chromiumPath();
  // canRun is false (or throws) without a path; the second test only tells the compiler so.
  if (canRun(browserSuite, options.standIn, chromiumNeeded(), ...(options.needs ?? [])) && path !== undefined) {
    browserSuite.before(async (context) => {
      context.h = await startHarness();
      await options.before?.(context);
      context.browser = await launchChromium(path);
    });
    browserSuite.after(async (context) => {
      await context.browser?.close();
      await context.h?.close();
      await options.after?.(context);
    });
    tests(browserSuite);
  }
  browserSuite.run();
};
