import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../support/chromium.mjs';
import { repoRoot } from './preview';

export const OUTPUT_DIR = join(repoRoot, 'tests', 'e2e', 'output');

/** Debian's Chromium, quiet and offline: no sandbox (containers), no GPU, no background traffic. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
}

export interface PageProblems {
  /** Uncaught exceptions in the page. */
  errors: string[];
  /** Content-Security-Policy violations reported on the console. */
  cspViolations: string[];
}

/** Records what must never happen in a page, to assert on at the end of a test. */
export function watchPage(page: Page): PageProblems {
  const problems: PageProblems = { errors: [], cspViolations: [] };
  page.on('pageerror', (error) => problems.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      problems.cspViolations.push(message.text());
    }
  });
  return problems;
}

/**
 * Saves a PNG of what the person sees under tests/e2e/output/ and answers its path. Not full-page
 * by default: the app shell's fixed navbar would end where the viewport does.
 */
export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<string> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const path = join(OUTPUT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? false });
  return path;
}
