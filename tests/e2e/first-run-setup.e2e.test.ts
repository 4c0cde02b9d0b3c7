import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, watchPage, type PageProblems } from './support/browser';
import { startPreview, type Preview } from './support/preview';

/** An empty clinic (no --demo): the first administrator is created from the setup screen. */
describe('browser preview: first-run setup', () => {
  let preview: Preview;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    [preview, browser] = await Promise.all([startPreview({ demo: false }), launchBrowser()]);
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    page.setDefaultTimeout(20_000);
    problems = watchPage(page);
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
  });

  it('shows the setup screen on an empty database', async () => {
    await page.goto(preview.url);
    await page.getByRole('heading', { name: 'Welcome to Clinic Desk' }).waitFor();
    expect(await page.getByRole('table', { name: 'Demo logins' }).count()).toBe(0);
  });

  it('checks the fields with the contract rules as the user types', async () => {
    await page.getByLabel('Full name').fill('Alex Morgan');
    await page.getByLabel('Username').fill('ab');
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByLabel('Confirm password').fill('shorter');
    await page.getByText('Username must be at least 3 characters.').waitFor();
    await page.getByText('Password must be at least 10 characters.').waitFor();
    await page.getByText('The two passwords do not match.').waitFor();
    await screenshot(page, 'first-run-setup');
  });

  it('creates the administrator and signs them in', async () => {
    await page.getByLabel('Username').fill('alex.morgan');
    await page.getByLabel('Password', { exact: true }).fill('a long enough password');
    await page.getByLabel('Confirm password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create administrator and sign in' }).click();

    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    const entries = await page
      .getByRole('navigation', { name: 'Main menu' })
      .getByRole('link')
      .allInnerTexts();
    expect(entries.map((entry) => entry.trim())).toEqual([
      'Dashboard',
      'Patients',
      'Follow-ups',
      'Staff',
      'Doctors',
      'Departments',
      'Audit log',
      'Settings',
      'Jobs',
      'Exports',
    ]);
    // The administrator's home is the dashboard; a new clinic has nothing to count yet.
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    const patients = page.getByRole('group', { name: 'Active patients', exact: true });
    expect(await patients.getByTestId('stat-value').innerText()).toBe('0');
  });

  it('asks for the new password after signing out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
    await page.getByLabel('Username').fill('alex.morgan');
    await page.getByLabel('Password', { exact: true }).fill('a long enough password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  });

  it('raised no page errors or CSP violations', () => {
    expect(problems.errors).toEqual([]);
    expect(problems.cspViolations).toEqual([]);
  });
});
