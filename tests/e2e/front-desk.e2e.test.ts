import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PatientSummary, Page as ListPage } from '../../src/shared/dto';
import type { FreeSlots } from '../../src/shared/dto/clinic';
import type { Result } from '../../src/shared/result';
import { launchBrowser, screenshot, watchPage, type PageProblems } from './support/browser';
import { startPreview, type Preview } from './support/preview';

/**
 * What a real front-desk day tripped over (issue 11), each reproduced in Debian's Chromium against
 * one preview with the demo clinic, the clock fixed at Wednesday 11 March 2026, 10:05 London.
 * Every test signs in as the role it needs and signs out at the end, so they do not depend on
 * each other's screens.
 */
describe('browser preview: the front desk at full speed', () => {
  let preview: Preview;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    [preview, browser] = await Promise.all([
      startPreview({ demo: true, startTimeoutMs: 110_000 }),
      launchBrowser(),
    ]);
    context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    problems = watchPage(page);
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
  });

  async function api<T>(channel: string, input: object = {}): Promise<Result<T>> {
    const response = await context.request.post(`${preview.origin}/api/${channel}`, { data: input });
    return (await response.json()) as Result<T>;
  }

  const menu = (name: string) =>
    page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name, exact: true });
  const heading = (name: string) => page.getByRole('heading', { name, level: 1 });

  /** Starts from a freshly loaded sign-in screen, whatever the previous test left behind. */
  async function signInAs(username: string): Promise<void> {
    // A hash-only change is a same-document navigation: load a blank page first so this is a fresh load.
    await page.goto('about:blank');
    await page.goto(preview.url);
    const signIn = page.getByRole('heading', { name: 'Sign in', exact: true });
    const signOutButton = page.getByRole('button', { name: 'Sign out' });
    await signIn.or(signOutButton).first().waitFor();
    if (await signOutButton.isVisible()) await signOut();
    await page.getByRole('button', { name: `Use ${username}` }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  }

  async function signOut(): Promise<void> {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
  }

  it('defect 1: Escape closes the date picker, not the half-filled registration; closing asks first', async () => {
    await signInAs('reception');
    await menu('Patients').click();
    await page.getByRole('button', { name: 'Register patient' }).click();
    const form = page.getByRole('form', { name: 'Register patient' });
    await form.getByLabel('Full name').fill('Half Typed');
    await form.getByLabel('Date of birth').click();
    // Mantine draws the date picker's calendar in a popover dropdown (the only one holding a table).
    const picker = page.locator('.mantine-Popover-dropdown').filter({ has: page.locator('table') });
    await picker.waitFor();
    await page.keyboard.press('Escape');
    await picker.waitFor({ state: 'hidden' });
    expect(await form.isVisible()).toBe(true);
    expect(await form.getByLabel('Full name').inputValue()).toBe('Half Typed');

    // Escape again now means "close the dialog": it asks, and "Keep editing" keeps the typing.
    await form.getByLabel('Full name').focus();
    await page.keyboard.press('Escape');
    const ask = page.getByRole('alertdialog', { name: 'Discard what you typed?' });
    await ask.waitFor();
    await screenshot(page, 'front-desk-discard-prompt');
    await ask.getByRole('button', { name: 'Keep editing' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(await form.getByLabel('Full name').inputValue()).toBe('Half Typed');

    // The Close button asks too; "Discard" then really closes.
    await form.getByRole('button', { name: 'Close', exact: true }).click();
    await ask.getByRole('button', { name: 'Discard' }).click();
    await form.waitFor({ state: 'detached' });

    // An untouched form closes at once.
    await page.getByRole('button', { name: 'Register patient' }).click();
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    await signOut();
  });

  it('defect 2: after sign-out the next person lands on their own home screen with nothing cached', async () => {
    await signInAs('admin');
    await menu('Patients').click();
    await page.getByRole('table', { name: 'Patients' }).waitFor();
    await menu('Exports').click();
    await heading('Exports').waitFor();
    expect(page.url()).toContain('#/exports');
    await signOut();
    expect(page.url()).not.toContain('#/exports');

    await signInAs('reception');
    await heading('Today').waitFor();
    expect(await heading('Exports').count()).toBe(0);
    // The administrator's patient list was cached 15 s fresh: reception's must be asked for anew.
    const asked = page.waitForRequest((request) => request.url().includes('/api/patients/list'));
    await menu('Patients').click();
    await asked;
    await signOut();
  });

  it('defect 2: after the idle lock the next sign-in also lands on that role’s home screen', async () => {
    const settings = await api<{ idleLockMinutes: number }>('settings/public');
    const minutes = settings.ok ? settings.value.idleLockMinutes : 15;
    // The idle lock fires from the page's own timer: a page of its own whose clock the test runs.
    const idleContext = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const main = page;
    try {
      page = await idleContext.newPage();
      page.setDefaultTimeout(20_000);
      await page.clock.install();
      await page.goto(preview.url);
      await signInAs('admin');
      await menu('Exports').click();
      await heading('Exports').waitFor();
      await page.clock.runFor((minutes + 1) * 60_000);
      await page.getByText('Clinic Desk locked this window').waitFor();
      expect(page.url()).not.toContain('#/exports');
      await signInAs('reception');
      await heading('Today').waitFor();
      await signOut();
    } finally {
      page = main;
      await idleContext.close();
    }
  });

  it('defect 3: after "That slot was just taken" the dialog offers the doctor’s nearest free times', async () => {
    await signInAs('reception');
    const free = await api<FreeSlots>('appointments/freeSlots', { doctorId: 2, from: '2026-03-11', days: 1 });
    if (!free.ok) throw new Error(free.error.message);
    const doctor = free.value.doctors[0];
    const [first] = doctor?.slots ?? [];
    if (!doctor || !first) throw new Error('Dr 2 has no free slots left today');

    await menu('Calendar').click();
    await page.getByLabel('Doctor or department').first().click();
    await page.getByRole('option', { name: doctor.doctorName }).click();
    await page
      .getByRole('button', { name: `Book ${doctor.doctorName} at ${first.time} on ${first.date}` })
      .click();
    const dialog = page.getByRole('form', { name: 'Book appointment' });
    await dialog.getByLabel('Patient', { exact: true }).first().fill('P000011');
    await page
      .getByRole('option', { name: /P000011/ })
      .first()
      .click();

    const other = await api<ListPage<PatientSummary>>('patients/list', { query: 'P000012' });
    if (!other.ok) throw new Error(other.error.message);
    const taken = await api('appointments/book', {
      patientId: other.value.items[0]?.id,
      doctorId: 2,
      startsAt: first.startsAt,
    });
    expect(taken.ok).toBe(true);

    await dialog.getByRole('button', { name: 'Book', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'That slot was just taken' }).waitFor();
    const nearest = dialog.getByRole('group', { name: `Nearest free times with ${doctor.doctorName}` });
    const choices = nearest.getByRole('button');
    await choices.first().waitFor();
    await screenshot(page, 'front-desk-slot-taken-alternatives');
    const label = (await choices.first().getAttribute('aria-label')) ?? '';
    expect(label).not.toBe(`Choose ${first.time} on ${first.date}`);
    await choices.first().click();
    await dialog.getByRole('button', { name: 'Book', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await signOut();
  });

  it('defect 4: the booking dialog says "Loading" until the free times arrive, then the answer', async () => {
    await signInAs('reception');
    await menu('Patients').click();
    await page
      .getByRole('link', { name: /P000013/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Book appointment' }).click();
    const dialog = page.getByRole('form', { name: 'Book appointment' });

    // Hold the free-times answer until the screen has been looked at.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/appointments/freeSlots', async (route) => {
      await held;
      await route.continue();
    });
    await dialog.getByLabel('Doctor', { exact: true }).click();
    await page.getByRole('option').first().click();
    const time = dialog.getByLabel('Free time', { exact: true });
    await dialog.getByText('Loading free times', { exact: false }).or(time).first().waitFor();
    expect(await time.getAttribute('placeholder')).toBe('Loading free times…');
    release();
    await expect.poll(() => time.getAttribute('placeholder')).not.toBe('Loading free times…');
    expect(['Choose a time', 'No free times that day']).toContain(await time.getAttribute('placeholder'));
    await page.unroute('**/api/appointments/freeSlots');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await signOut();
  });

  it('defect 5: status badges are readable in full in the visit history, Jobs and Exports', async () => {
    // A string, evaluated in the page: the tests are type-checked without the DOM library.
    const truncated = async (): Promise<string[]> =>
      page.evaluate<string[]>(
        `[...document.querySelectorAll('.mantine-Badge-label')]
          .filter((l) => l.scrollWidth > l.clientWidth + 1)
          .map((l) => l.textContent)`,
      );
    await page.setViewportSize({ width: 1024, height: 800 });
    await signInAs('reception');
    await menu('Patients').click();
    await page
      .getByRole('link', { name: /P000010/ })
      .first()
      .click();
    await page
      .getByRole('table', { name: /history/i })
      .locator('.mantine-Badge-label')
      .first()
      .waitFor();
    expect(await truncated()).toEqual([]);
    await signOut();

    await signInAs('admin');
    await menu('Jobs').click();
    await heading('Jobs').waitFor();
    await page.locator('.mantine-Badge-label').first().waitFor();
    expect(await truncated()).toEqual([]);
    await menu('Exports').click();
    await heading('Exports').waitFor();
    expect(await truncated()).toEqual([]);
    await signOut();
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('a failed Reinstate of a department shows a toast (issue 13)', async () => {
    await signInAs('admin');
    await menu('Departments').click();
    const table = page.getByRole('table', { name: 'Departments' });
    await table.waitFor();
    const name = (await table.locator('tbody tr td').first().innerText()).trim();
    await page.getByRole('button', { name: `Retire ${name}` }).click();
    await page
      .getByRole('dialog', { name: 'Retire department' })
      .getByRole('button', { name: 'Retire department' })
      .click();
    await page.getByRole('button', { name: `Reinstate ${name}` }).waitFor();

    await page.route('**/api/departments/setActive', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({
          ok: false,
          error: { code: 'conflict', message: 'This department cannot be reinstated right now.' },
        }),
      }),
    );
    await page.getByRole('button', { name: `Reinstate ${name}` }).click();
    await page.getByText('This department cannot be reinstated right now.').waitFor();
    await page.unroute('**/api/departments/setActive');
    await page.getByRole('button', { name: `Reinstate ${name}` }).click();
    await page.getByRole('button', { name: `Retire ${name}` }).waitFor();
    await signOut();
  });

  it('left no errors in the page', () => {
    expect(problems.errors).toEqual([]);
    expect(problems.cspViolations).toEqual([]);
  });
});
