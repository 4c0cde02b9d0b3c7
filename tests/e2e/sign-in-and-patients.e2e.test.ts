import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SetupStatus } from '../../src/shared/dto';
import type { Result } from '../../src/shared/result';
import { screenshot, type PageProblems } from './support/browser';
import { pageKeyHeader, type Preview } from './support/preview';
import { openPreviewPage, type PreviewPage } from './support/preview-page';
import { signOut } from './support/session';

/**
 * The first slice end to end: the preview's access token, demo sign-in as the front desk,
 * the patient list with live search, and sign-out. Steps share one page, in order. The only e2e
 * file whose server seeds its demo clinic itself, at the shipped password cost (the others copy
 * a seeded template, tests/support/demo-template.ts).
 */
describe('browser preview: sign in and find patients', () => {
  let opened: PreviewPage | undefined;
  let preview: Preview;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    opened = await openPreviewPage({ demo: true, seedDemo: 'fresh' });
    ({ preview, context, page, problems } = opened);
  });

  afterAll(() => opened?.close());

  /** Calls the contract with the page's cookie, for facts the test needs (demo passwords). */
  async function api<T>(channel: string, input: object = {}): Promise<Result<T>> {
    const response = await context.request.post(`${preview.origin}/api/${channel}`, {
      data: input,
      headers: await pageKeyHeader(page),
    });
    return (await response.json()) as Result<T>;
  }

  const patientRows = () => page.getByRole('table', { name: 'Patients' }).locator('tbody tr');

  it("seeds the demo staff with scrypt at OWASP's cost, as the shipped preview does", () => {
    const db = new Database(join(preview.dataDir, 'clinic.db'), { readonly: true });
    const hashes = db.prepare<[], { password_hash: string }>('SELECT password_hash FROM staff_users').all();
    db.close();
    expect(hashes.length).toBeGreaterThan(2);
    for (const { password_hash } of hashes) expect(password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
  });

  it('refuses requests without the access token', async () => {
    const home = await fetch(`${preview.origin}/`);
    expect([401, 403]).toContain(home.status);
    const call = await fetch(`${preview.origin}/api/patients/list`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect([401, 403]).toContain(call.status);
  });

  it('opens the sign-in screen with the demo logins', async () => {
    await page.goto(preview.url);
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);
    await page.getByRole('table', { name: 'Demo logins' }).waitFor();
    await page.getByRole('button', { name: 'Use reception' }).waitFor();
    await screenshot(page, 'sign-in');
  });

  it('explains a wrong password in a sentence', async () => {
    await page.getByLabel('Username').fill('reception');
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/[A-Z].*\./);
  });

  it('signs in as the front desk with the demo password', async () => {
    const status = await api<SetupStatus>('auth/setupStatus');
    if (!status.ok) throw new Error(status.error.message);
    const reception = status.value.demoLogins.find((login) => login.username === 'reception');
    expect(reception, 'demo logins include reception').toBeDefined();

    await page.getByRole('button', { name: 'Use reception' }).click();
    expect(await page.getByLabel('Username').inputValue()).toBe('reception');
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe(reception?.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page
      .getByText(reception?.fullName ?? '', { exact: true })
      .first()
      .waitFor();
    const menu = page.getByRole('navigation', { name: 'Main menu' });
    const entries = await menu.getByRole('link').allInnerTexts();
    expect(entries.map((entry) => entry.trim())).toEqual([
      'Today',
      'Calendar',
      'Follow-ups',
      'Patients',
      'Exports',
    ]);
  });

  it('lists patients', async () => {
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Patients' }).click();
    await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();
    await patientRows().first().waitFor();
    expect(await patientRows().count()).toBeGreaterThan(1);
    await screenshot(page, 'patient-list');
  });

  it('pages through a long list', async () => {
    const range = page.getByText(/^Showing 1–\d+ of \d+ patients?$/);
    await range.waitFor();
    const total = Number(/of (\d+)/.exec(await range.innerText())?.[1]);
    expect(total, 'the demo clinic has more than one page of patients').toBeGreaterThan(25);
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByText(/^Showing 26–\d+ of \d+ patients$/).waitFor();
    await page.getByRole('button', { name: 'Previous page' }).click();
    await range.waitFor();
  });

  it('narrows the list as the user types a search', async () => {
    const before = await patientRows().count();
    // The second cell is the name; searching for one patient's full name must narrow the list.
    const name = (await patientRows().first().locator('td').nth(1).innerText()).trim();
    await page.getByLabel('Search patients').fill(name);

    // Old rows stay until the answer arrives, so wait for the last row that does not match to go.
    await patientRows().filter({ hasNotText: name }).first().waitFor({ state: 'detached' });
    const after = await patientRows().count();
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThan(before);
    await screenshot(page, 'patient-search');

    await page.getByLabel('Search patients').fill('zzzz-no-such-patient');
    await page.getByText('No patients match your search').waitFor();
  });

  it('opens the calendar from the menu', async () => {
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Calendar' }).click();
    await page.getByRole('heading', { name: 'Calendar', level: 1 }).waitFor();
  });

  it('signs out back to the sign-in screen', async () => {
    await signOut(page);
    const list = await api('patients/list', {});
    expect(list.ok).toBe(false);
  });

  it('raised no page errors or CSP violations', () => {
    expect(problems.errors).toEqual([]);
    expect(problems.cspViolations).toEqual([]);
  });
});
