import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, watchPage, type PageProblems } from './support/browser';
import { startPreview, type Preview } from './support/preview';

/**
 * Settings › Backups in the preview: back up, change something, restore the backup. The preview
 * restarts its core to swap the database, and the change is gone.
 */
describe('browser preview: backups', () => {
  let preview: Preview;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    [preview, browser] = await Promise.all([startPreview({ demo: true }), launchBrowser()]);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
    page.setDefaultTimeout(20_000);
    problems = watchPage(page);
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
  });

  const signInAsAdmin = async () => {
    await page.getByRole('button', { name: 'Use admin' }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  };
  const openSettings = async () => {
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  };

  it('shows the backup made when the app started, and makes another on request', async () => {
    await page.goto(preview.url);
    await signInAsAdmin();
    await openSettings();
    // Like the desktop app, the preview makes today's verified backup when it starts.
    const table = page.getByRole('table', { name: 'Backups' });
    await table.getByRole('cell', { name: /^clinic-daily-\d{4}-\d{2}-\d{2}\.db$/ }).waitFor();
    await page.getByText('Last good backup:', { exact: false }).waitFor();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/backups/run')),
      page.getByRole('button', { name: 'Back up now' }).click(),
    ]);
    expect(await response.json()).toMatchObject({ ok: true, value: { kind: 'daily' } });
    expect(await table.getByRole('cell', { name: /^clinic-daily-/ }).count()).toBe(1);
    await screenshot(page, 'settings-backups', { fullPage: true });
  });

  it('restores the backup, undoing a later change', async () => {
    const name = page.getByLabel('Clinic name');
    await name.fill('Renamed After Backup');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Renamed After Backup').first().waitFor();

    const row = page
      .getByRole('table', { name: 'Backups' })
      .getByRole('row')
      .filter({ hasText: 'clinic-daily' });
    await row.getByRole('button', { name: 'Restore…' }).click();
    await row.getByRole('button', { name: /^Restore clinic-daily/ }).click();
    await page.getByText('Clinic Desk is restarting to restore the backup', { exact: false }).waitFor();
    await expect.poll(() => preview.output(), { timeout: 30_000 }).toContain('restarted');

    await page.goto(preview.url);
    await signInAsAdmin();
    await openSettings();
    await expect.poll(() => page.getByLabel('Clinic name').inputValue()).toBe('Riverside Family Clinic');
    expect(problems.errors).toEqual([]);
  });
});
