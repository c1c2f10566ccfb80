// Headless Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe): no npm
// dependency, only the Debian `chromium` package.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

/** Where Debian installs Chromium; CHROMIUM_PATH overrides it. */
export const chromiumPath = (): string | undefined => {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return existsSync(path) ? path : undefined;
};

/** A page of a running Chromium. */
export interface BrowserPage {
  /** Navigates and waits for the load event. */
  goto(url: string): Promise<void>;
  /** Evaluates an expression in the page (awaiting a promise) and returns its JSON value. */
  evaluate<T>(expression: string): Promise<T>;
  /** Runs `action` (an expression that navigates, such as a form submit) and waits for the next load. */
  navigating(action: string): Promise<void>;
  /** A PNG of the page. */
  screenshot(): Promise<Buffer>;
  /** Types text into the focused element, as a keyboard would. */
  type(text: string): Promise<void>;
  /** Presses a key (`Enter`, `Tab`, ` `) on the focused element. */
  press(key: 'Enter' | 'Tab' | ' '): Promise<void>;
  /** Presses a key that navigates (Enter on a form), and waits for the next load. */
  pressNavigating(key: 'Enter' | ' '): Promise<void>;
  /** Puts a file into the file input matching `selector`, as choosing it would. */
  setFile(selector: string, path: string): Promise<void>;
}

/** A running headless Chromium with one page. */
export interface Browser {
  readonly page: BrowserPage;
  close(): Promise<void>;
}

type Listener = (params: Record<string, unknown>) => void;

/** Starts Chromium with a fresh profile and opens a page. */
export const launchChromium = async (path: string): Promise<Browser> => {
  const profile = mkdtempSync(join(tmpdir(), 'providers-chromium-'));
  const child: ChildProcess = spawn(
    path,
    [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-dev-shm-usage', `--user-data-dir=${profile}`,
      '--remote-debugging-pipe', '--window-size=1100,900', 'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;

  let nextId = 1;
  const pending = new Map<number, { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void }>();
  const listeners = new Map<string, Listener[]>();
  let buffered = '';
  fromBrowser.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    // Messages are JSON, each ended by a NUL byte.
    for (let end = buffered.indexOf('\0'); end !== -1; end = buffered.indexOf('\0')) {
      const message = JSON.parse(buffered.slice(0, end)) as { id?: number; method?: string; params?: Record<string, unknown>; result?: Record<string, unknown>; error?: { message: string }; sessionId?: string };
      buffered = buffered.slice(end + 1);
      if (message.id !== undefined) {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) waiter?.reject(new Error(`Chromium: ${message.error.message}`));
        else waiter?.resolve(message.result ?? {});
      } else if (message.method) for (const listener of listeners.get(`${message.sessionId ?? ''}:${message.method}`) ?? []) listener(message.params ?? {});
    }
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`Chromium exited (${code}): ${stderr.trim().split('\n').slice(-5).join(' | ')}`))),
  );
  exited.catch(() => undefined);
  const send = (method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> =>
    Promise.race([
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        toBrowser.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
      }),
      exited,
    ]);
  const once = (sessionId: string, method: string): Promise<void> =>
    new Promise((resolve) => {
      const key = `${sessionId}:${method}`;
      const listener: Listener = () => {
        listeners.set(key, (listeners.get(key) ?? []).filter((l) => l !== listener));
        resolve();
      };
      listeners.set(key, [...(listeners.get(key) ?? []), listener]);
    });

  const { targetId } = (await send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
  const { sessionId } = (await send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
  await send('Page.enable', {}, sessionId);
  await send('Runtime.enable', {}, sessionId);

  const evaluate = async <T>(expression: string): Promise<T> => {
    const result = (await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId)) as {
      result: { value?: T };
      exceptionDetails?: { exception?: { description?: string }; text: string };
    };
    if (result.exceptionDetails) throw new Error(`in the page: ${result.exceptionDetails.exception?.description ?? result.exceptionDetails.text}`);
    return result.result.value as T;
  };
  const KEYS = { Enter: { code: 'Enter', keyCode: 13, text: '\r' }, Tab: { code: 'Tab', keyCode: 9, text: '' }, ' ': { code: 'Space', keyCode: 32, text: ' ' } } as const;
  const pressKey = async (key: keyof typeof KEYS) => {
    const { code, keyCode, text } = KEYS[key];
    const common = { key, code, windowsVirtualKeyCode: keyCode, nativeVirtualKeyCode: keyCode };
    await send('Input.dispatchKeyEvent', { type: 'keyDown', ...common, ...(text ? { text } : {}) }, sessionId);
    await send('Input.dispatchKeyEvent', { type: 'keyUp', ...common }, sessionId);
  };
  const page: BrowserPage = {
    async goto(url) {
      const loaded = once(sessionId, 'Page.loadEventFired');
      await send('Page.navigate', { url }, sessionId);
      await loaded;
    },
    evaluate,
    async navigating(action) {
      const loaded = once(sessionId, 'Page.loadEventFired');
      await evaluate(`void (${action})`);
      await loaded;
    },
    async type(text) {
      await send('Input.insertText', { text }, sessionId);
    },
    async press(key) {
      await pressKey(key);
    },
    async pressNavigating(key) {
      const loaded = once(sessionId, 'Page.loadEventFired');
      await pressKey(key);
      await loaded;
    },
    async setFile(selector, path) {
      const found = (await send('Runtime.evaluate', { expression: `document.querySelector(${JSON.stringify(selector)})` }, sessionId)) as { result: { objectId?: string } };
      if (!found.result.objectId) throw new Error(`no element at ${selector}`);
      await send('DOM.setFileInputFiles', { files: [path], objectId: found.result.objectId }, sessionId);
    },
    async screenshot() {
      const { data } = (await send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true }, sessionId)) as { data: string };
      return Buffer.from(data, 'base64');
    },
  };
  return {
    page,
    async close() {
      const gone = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
      send('Browser.close').catch(() => undefined);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
      rmSync(profile, { recursive: true, force: true });
    },
  };
};
