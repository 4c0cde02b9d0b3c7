import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, watchPage, type PageProblems } from './browser';
import { startPreview, type Preview, type PreviewOptions } from './preview';

/** A preview server, Chromium, and one page of it: what most e2e files start in `beforeAll`. */
export interface PreviewPage {
  preview: Preview;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
  /** Closes the browser and stops the server (removing its data folder when it made one). */
  close(): Promise<void>;
}

/**
 * Starts the preview and Chromium side by side, then opens one page (20 s default timeout) in its
 * own context of the given size, recording page errors and CSP violations.
 */
export async function openPreviewPage(
  options: PreviewOptions,
  viewport: { width: number; height: number } = { width: 1280, height: 860 },
): Promise<PreviewPage> {
  const [preview, browser] = await Promise.allSettled([startPreview(options), launchBrowser()]);
  if (preview.status === 'rejected' || browser.status === 'rejected') {
    if (preview.status === 'fulfilled') await preview.value.stop();
    if (browser.status === 'fulfilled') await browser.value.close();
    throw preview.status === 'rejected' ? preview.reason : (browser as PromiseRejectedResult).reason;
  }
  const context = await browser.value.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return {
    preview: preview.value,
    browser: browser.value,
    context,
    page,
    problems: watchPage(page),
    close: async () => {
      await browser.value.close();
      await preview.value.stop();
    },
  };
}
