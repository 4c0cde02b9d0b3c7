import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../src/shared/result';
import { launchBrowser, watchPage, type PageProblems } from './support/browser';
import { pageKeyHeader, startPreview, type Preview } from './support/preview';

/**
 * A change made in one window reaches another without a reload: two browser sessions of the
 * preview, the second registers a patient, and the first one's search shows it when the
 * `data/changed` push (kind `patients`) arrives over Server-Sent Events.
 */
describe('browser preview: a change in one window reaches the other', () => {
  let preview: Preview;
  let browser: Browser;
  let watcher: Page;
  let writer: Page;
  let problems: PageProblems;

  const signIn = async (page: Page) => {
    await page.goto(preview.url);
    await page.getByRole('button', { name: 'Use reception' }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  };

  beforeAll(async () => {
    [preview, browser] = await Promise.all([startPreview({ demo: true }), launchBrowser()]);
    watcher = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
    writer = await (await browser.newContext()).newPage();
    watcher.setDefaultTimeout(20_000);
    writer.setDefaultTimeout(20_000);
    problems = watchPage(watcher);
    await signIn(watcher);
    await signIn(writer);
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
  });

  it('shows a patient registered in another window in this window’s search', async () => {
    await watcher
      .getByRole('navigation', { name: 'Main menu' })
      .getByRole('link', { name: 'Patients' })
      .click();
    await watcher.getByLabel('Search patients').fill('Crosswindow');
    await watcher.getByText('No patients match your search').waitFor();

    const response = await writer.context().request.post(`${preview.origin}/api/patients/register`, {
      data: {
        fullName: 'Wanda Crosswindow',
        dateOfBirth: '1984-05-06',
        sex: 'female',
        confirmDuplicate: true,
      },
      headers: await pageKeyHeader(writer),
    });
    const registered = (await response.json()) as Result<unknown>;
    expect(registered).toMatchObject({ ok: true });

    // No reload, no typing: only the push can bring the row in.
    await watcher.getByRole('table', { name: 'Patients' }).getByText('Wanda Crosswindow').waitFor();
    expect(problems.errors).toEqual([]);
  });
});
