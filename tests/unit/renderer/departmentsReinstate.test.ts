import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../e2e/support/browser';

/**
 * Issue 13 item 5: the Departments copy of the deactivate/reactivate action had lost its error
 * toast, so a failed Reinstate showed nothing. The real screen, bundled by esbuild and rendered in
 * Debian's Chromium over a stand-in bridge whose main refuses the reinstatement.
 */
describe('Departments: a failed Reinstate', () => {
  let browser: Browser;
  let script: string;

  beforeAll(async () => {
    const [bundle, launched] = await Promise.all([
      build({
        entryPoints: [join(import.meta.dirname, 'harness', 'departments.tsx')],
        bundle: true,
        write: false,
        format: 'iife',
        jsx: 'automatic',
        loader: { '.css': 'empty' },
        define: { 'process.env.NODE_ENV': '"production"' },
        logLevel: 'silent',
      }),
      launchBrowser(),
    ]);
    script = bundle.outputFiles[0]?.text ?? '';
    browser = launched;
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows an error toast with main’s sentence', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.setContent('<!doctype html><html><body><div id="root"></div></body></html>');
    await page.addScriptTag({ content: script });
    await page.getByRole('button', { name: 'Reinstate Dermatology' }).click();
    await page.getByText('Could not reinstate Dermatology').waitFor();
    await page.getByText('This department cannot be reinstated right now.').waitFor();
    expect(errors).toEqual([]);
  });
});
