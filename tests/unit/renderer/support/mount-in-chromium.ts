import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import type { Result } from '../../../../src/shared/result';
import { launchBrowser } from '../../../e2e/support/browser';

const root = join(import.meta.dirname, '..', '..', '..', '..');

export interface Call {
  channel: string;
  input: unknown;
}

/** Answers the component's calls as main would; `calls` records them in order. */
export type Answer = (channel: string, input: unknown) => Result<unknown> | Promise<Result<unknown>>;

export interface Mounted {
  page: Page;
  calls: Call[];
  /** Replace how calls are answered from now on. */
  answerWith(answer: Answer): void;
  close(): Promise<void>;
}

export interface Bundle {
  js: string;
  css: string;
}

/**
 * The one stage of the renderer unit tests: a real component, bundled by esbuild (the bundler Vite
 * itself runs on) inside the providers the app's main.tsx mounts (Mantine with the app's theme,
 * the toasts' Notifications, TanStack Query with the app's client), in a page of Debian's
 * Chromium, talking to a stand-in for the preload bridge (`window.clinicDesk`, which the renderer
 * prefers over HTTP) whose answers the test gives. Real DOM, real events, real React; no server,
 * no database.
 */
export async function bundleComponent(component: { from: string; name: string }): Promise<Bundle> {
  const result = await build({
    stdin: {
      contents: `
        import '@mantine/core/styles.css';
        import '@mantine/notifications/styles.css';
        import { MantineProvider } from '@mantine/core';
        import { Notifications } from '@mantine/notifications';
        import { QueryClientProvider } from '@tanstack/react-query';
        import { createElement as h } from 'react';
        import { createRoot } from 'react-dom/client';
        import { createQueryClient } from './src/renderer/src/lib/queryClient';
        import { cssVariablesResolver, theme } from './src/renderer/src/theme';
        import { ${component.name} as Component } from './${component.from}';
        window.mountComponent = () =>
          createRoot(document.getElementById('root')).render(
            h(
              MantineProvider,
              { theme, cssVariablesResolver, defaultColorScheme: 'light' },
              h(Notifications),
              h(QueryClientProvider, { client: createQueryClient() }, h(Component)),
            ),
          );
      `,
      loader: 'tsx',
      resolveDir: root,
    },
    bundle: true,
    write: false,
    outdir: join(root, 'out', 'renderer-unit'),
    format: 'iife',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    minify: true,
    logLevel: 'silent',
  });
  const text = (ext: string) => result.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
  return { js: text('.js'), css: text('.css') };
}

/**
 * Mounts the bundle in a fresh browser context (its own storage). The page's locale and time zone
 * are fixed (en-GB, UTC) so that dates and times read the same on every machine.
 */
export async function mountInChromium(browser: Browser, bundle: Bundle, answer: Answer): Promise<Mounted> {
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'UTC' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const calls: Call[] = [];
  let current = answer;
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.exposeFunction('answerCall', async (channel: string, input: unknown) => {
    calls.push({ channel, input });
    return current(channel, input);
  });
  await page.setContent('<!doctype html><html><head></head><body><div id="root"></div></body></html>');
  await page.addStyleTag({ content: bundle.css });
  await page.addScriptTag({ content: bundle.js });
  await page.evaluate(() => {
    const w = globalThis as unknown as {
      clinicDesk: unknown;
      answerCall: (channel: string, input: unknown) => Promise<unknown>;
      mountComponent: () => void;
    };
    w.clinicDesk = {
      invoke: (channel: string, input: unknown) => w.answerCall(channel, input),
      onEvent: () => () => undefined,
    };
    w.mountComponent();
  });
  return {
    page,
    calls,
    answerWith: (next) => {
      current = next;
    },
    close: async () => {
      await context.close();
      if (errors.length > 0) throw new Error(`The page threw: ${errors.join('; ')}`);
    },
  };
}

export { launchBrowser };
