// What the browser tests do on a page, as a keyboard user would: find a field by its label, type,
// focus a button; read text; check that every field has a label; keep a screenshot.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserPage } from './chromium.js';

const OUTPUT = fileURLToPath(new URL('../../test-output/', import.meta.url));

/** Saves a screenshot of the page as test-output/NAME.png. */
export const shot = async (tab: BrowserPage, name: string): Promise<void> => {
  mkdirSync(OUTPUT, { recursive: true });
  writeFileSync(`${OUTPUT}${name}.png`, await tab.screenshot());
};

/** The text of the first element at `selector`, whitespace collapsed ('' when there is none). */
export const text = (tab: BrowserPage, selector: string): Promise<string> =>
  tab.evaluate<string>(`document.querySelector(${JSON.stringify(selector)})?.textContent?.replace(/\\s+/g, ' ').trim() ?? ''`);

/** Focuses the element at `selector`. */
export const focus = (tab: BrowserPage, selector: string): Promise<unknown> => tab.evaluate(`document.querySelector(${JSON.stringify(selector)}).focus()`);

/** Focuses a field by its label's text (within the form at `within`, if given) and types into it. */
export const fill = async (tab: BrowserPage, label: string, value: string, within = 'body'): Promise<void> => {
  const id = await tab.evaluate<string | null>(
    `[...document.querySelectorAll(${JSON.stringify(`${within} label`)})].find((l) => l.textContent.trim() === ${JSON.stringify(label)})?.control?.id ?? null`,
  );
  if (id === null) throw new Error(`no field labelled "${label}" in ${within}`);
  await focus(tab, `#${id}`);
  await tab.evaluate(`document.activeElement.select?.()`);
  await tab.type(value);
};

/** Chooses an option of the select at `selector` by its value. */
export const choose = (tab: BrowserPage, selector: string, value: string): Promise<unknown> =>
  tab.evaluate(`(() => { const s = document.querySelector(${JSON.stringify(selector)}); s.focus(); s.value = ${JSON.stringify(value)}; })()`);

/** The names of the visible fields without a label (none, on a page that is usable by keyboard and screen reader). */
export const unlabelled = (tab: BrowserPage): Promise<string[]> =>
  tab.evaluate<string[]>(`[...document.querySelectorAll('input:not([type=hidden]), select, textarea')].filter((e) => e.labels.length === 0).map((e) => e.name)`);
