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

  it('warns that there is no backup, then makes one', async () => {
    await page.goto(preview.url);
    await signInAsAdmin();
    await openSettings();
    await expect(page.getByText('No backup has been made yet.', { exact: false }).isVisible()).resolves.toBe(
      true,
    );
    await page.getByRole('button', { name: 'Back up now' }).click();
    const table = page.getByRole('table', { name: 'Backups' });
    await table.getByRole('cell', { name: /^clinic-daily-\d{4}-\d{2}-\d{2}\.db$/ }).waitFor();
    await page.getByText('Last good backup:', { exact: false }).waitFor();
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
