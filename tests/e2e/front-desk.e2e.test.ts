import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PatientSummary, Page as ListPage } from '../../src/shared/dto';
import type { AppointmentList, FreeSlots } from '../../src/shared/dto/clinic';
import type { ExportItem } from '../../src/shared/dto/jobs';
import type { Result } from '../../src/shared/result';
import { launchBrowser, screenshot, watchPage, type PageProblems } from './support/browser';
import { pageKeyHeader, startPreview, type Preview } from './support/preview';
import { signInAs, signOut } from './support/session';

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
    const response = await context.request.post(`${preview.origin}/api/${channel}`, {
      data: input,
      headers: await pageKeyHeader(page),
    });
    return (await response.json()) as Result<T>;
  }

  /** Waits for the page to catch up (a loaded machine is slow; vitest's default is 1 s). */
  const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });

  /** A string, evaluated in the page: the tests are type-checked without the DOM library. */
  async function isFocused(locator: Locator): Promise<boolean> {
    const id = await locator.getAttribute('id');
    const focused = await page.evaluate<string>("document.activeElement ? document.activeElement.id : ''");
    return id !== null && id !== '' && id === focused;
  }

  const menu = (name: string) =>
    page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name, exact: true });
  const heading = (name: string) => page.getByRole('heading', { name, level: 1 });

  /** Signs in from a freshly loaded sign-in screen, whatever the previous test left behind. */
  async function startAs(username: string): Promise<void> {
    // A hash-only change is a same-document navigation: load a blank page first so this is a fresh load.
    await page.goto('about:blank');
    await page.goto(preview.url);
    const signIn = page.getByRole('heading', { name: 'Sign in', exact: true });
    await signIn
      .or(page.getByRole('button', { name: 'Sign out' }))
      .first()
      .waitFor();
    await signInAs(page, username, { signOutFirst: true });
  }

  /** The row of a patient in the Patients list, by patient number (the link is the name). */
  const patientRow = (patientNumber: string) =>
    page.getByRole('table', { name: 'Patients' }).getByRole('row').filter({ hasText: patientNumber });

  async function openPatient(patientNumber: string): Promise<void> {
    await page.getByRole('searchbox', { name: 'Search patients' }).fill(patientNumber);
    await patientRow(patientNumber).getByRole('link').click();
  }

  it('defect 1: Escape closes the date picker, not the half-filled registration; closing asks first', async () => {
    await startAs('reception');
    await menu('Patients').click();
    await page.getByRole('button', { name: 'Register patient', exact: true }).click();
    const form = page.getByRole('form', { name: 'Register patient' });
    await form.getByLabel('Full name').fill('Half Typed');
    await form.getByLabel('Date of birth').click();
    // Mantine draws the date picker's calendar in a popover dropdown (the only one holding a table).
    const picker = page.locator('.mantine-Popover-dropdown').filter({ has: page.locator('table') });
    await picker.waitFor();
    await page.keyboard.press('Escape');
    await picker.waitFor({ state: 'hidden' });
    expect(await form.isVisible()).toBe(true);
    // That Escape was the picker's alone: no "Discard?" prompt either.
    expect(await page.getByRole('alertdialog').count()).toBe(0);
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
    await page.getByRole('button', { name: 'Register patient', exact: true }).click();
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    await signOut(page);
  });

  it('defect 2: after sign-out the next person lands on their own home screen with nothing cached', async () => {
    await startAs('admin');
    await menu('Patients').click();
    await page.getByRole('table', { name: 'Patients' }).waitFor();
    await menu('Exports').click();
    await heading('Exports').waitFor();
    expect(page.url()).toContain('#/exports');
    await signOut(page);
    expect(page.url()).not.toContain('#/exports');

    // The next person signs in in the same page, without a reload that would empty the cache anyway.
    await signInAs(page, 'reception');
    await heading('Today').waitFor();
    expect(await heading('Exports').count()).toBe(0);
    // The administrator's patient list was cached 15 s fresh: reception's must be asked for anew.
    const asked = page.waitForRequest((request) => request.url().includes('/api/patients/list'));
    await menu('Patients').click();
    await asked;
    await signOut(page);
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
      await startAs('admin');
      await menu('Exports').click();
      await heading('Exports').waitFor();
      await page.clock.runFor((minutes + 1) * 60_000);
      await page.getByText('Clinic Desk locked this window').waitFor();
      expect(page.url()).not.toContain('#/exports');
      await signInAs(page, 'reception');
      await heading('Today').waitFor();
      await signOut(page);
    } finally {
      page = main;
      await idleContext.close();
    }
  });

  it('defect 3: after "That slot was just taken" the dialog offers the doctor’s nearest free times', async () => {
    await startAs('reception');
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
    await signOut(page);
  });

  it('defect 4: the booking dialog says "Loading" until the free times arrive, then the answer', async () => {
    await startAs('reception');
    await menu('Patients').click();
    await openPatient('P000013');
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
    await poll(() => time.getAttribute('placeholder')).not.toBe('Loading free times…');
    expect(['Choose a time', 'No free times that day']).toContain(await time.getAttribute('placeholder'));
    await page.unroute('**/api/appointments/freeSlots');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await signOut(page);
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
    await startAs('reception');
    // A patient with a completed visit, so the history holds the longest status word.
    const past = await api<AppointmentList>('appointments/list', { from: '2026-03-09', days: 2 });
    if (!past.ok) throw new Error(past.error.message);
    const seen = past.value.items.find((a) => a.status === 'completed');
    if (!seen) throw new Error('No completed visit on 9 or 10 March');
    await menu('Patients').click();
    await openPatient(seen.patientNumber);
    await page
      .getByRole('region', { name: 'Visit history' })
      .getByRole('table', { name: 'Visits' })
      .locator('.mantine-Badge-label')
      .first()
      .waitFor();
    expect(await truncated()).toEqual([]);
    await signOut(page);

    await startAs('admin');
    await menu('Jobs').click();
    await heading('Jobs').waitFor();
    await page.locator('.mantine-Badge-label').first().waitFor();
    expect(await truncated()).toEqual([]);
    await menu('Exports').click();
    await heading('Exports').waitFor();
    expect(await truncated()).toEqual([]);
    await signOut(page);
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('defect 6: no Resend without an email address (it says why); the e-mail column says when and to whom', async () => {
    await startAs('admin');
    const register = async (fullName: string, email: string): Promise<number> => {
      const made = await api<{ id: number }>('patients/register', {
        fullName,
        dateOfBirth: '1971-02-03',
        sex: 'female',
        email,
        confirmDuplicate: true,
      });
      if (!made.ok) throw new Error(made.error.message);
      return made.value.id;
    };
    const exportOf = async (patientId: number): Promise<number> => {
      const started = await api<{ exportId: number }>('exports/startHistory', { patientId });
      if (!started.ok) throw new Error(started.error.message);
      return started.value.exportId;
    };
    const without = await exportOf(await register('Nora Nomail', ''));
    const withEmail = await exportOf(await register('Jo Mailer', 'jo.mailer@example.org'));
    const statuses = async (): Promise<string[]> => {
      const list = await api<ExportItem[]>('exports/list', { limit: 50 });
      if (!list.ok) throw new Error(list.error.message);
      return list.value.filter((e) => e.id === without || e.id === withEmail).map((e) => e.status);
    };
    await poll(statuses).toEqual(['done', 'done']);

    await menu('Exports').click();
    const rowOf = (id: number) => page.getByRole('row', { name: `Export ${id}`, exact: true });
    const bare = rowOf(without);
    await bare.getByText('No Resend: The patient has no email address on file.').waitFor();
    expect(await bare.getByRole('button', { name: `Email export ${without} again` }).count()).toBe(0);
    await bare.getByText('Not emailed: the patient had no email address on file.').waitFor();

    const mailed = rowOf(withEmail);
    await mailed.getByRole('button', { name: `Email export ${withEmail} again` }).waitFor();
    const line = mailed.getByText(/^(Queued|Sent) .+ to j•••@example\.org/);
    await line.waitFor();
    expect(await mailed.innerText()).not.toContain('jo.mailer@example.org');
    await screenshot(page, 'front-desk-exports-email');
    await signOut(page);
  });

  it("a patient phones: the front desk moves next week's visit from the profile, then cancels it", async () => {
    await startAs('reception');
    const made = await api<{ id: number; patientNumber: string }>('patients/register', {
      fullName: 'Phoebe Callsback',
      dateOfBirth: '1988-05-06',
      sex: 'female',
      confirmDuplicate: true,
    });
    if (!made.ok) throw new Error(made.error.message);
    const free = await api<FreeSlots>('appointments/freeSlots', { doctorId: 1, from: '2026-03-16', days: 1 });
    if (!free.ok) throw new Error(free.error.message);
    const [first, second] = free.value.doctors[0]?.slots ?? [];
    if (!first || !second) throw new Error('Dr 1 has no two free slots on 2026-03-16');
    const booked = await api('appointments/book', {
      patientId: made.value.id,
      doctorId: 1,
      startsAt: first.startsAt,
    });
    if (!booked.ok) throw new Error(booked.error.message);

    await menu('Patients').click();
    await openPatient(made.value.patientNumber);
    const visits = page.getByRole('table', { name: 'Visits' });
    await visits
      .getByRole('button', { name: `Move the appointment of ${first.date} at ${first.time}` })
      .click();
    const moving = page.getByRole('form', { name: 'Move appointment' });
    await moving.getByText(`now with`).waitFor();
    await moving.getByLabel('New time', { exact: true }).click();
    await page.getByRole('option', { name: second.time, exact: true }).click();
    await moving.getByRole('button', { name: 'Move', exact: true }).click();
    await moving.waitFor({ state: 'detached' });
    const cancelMoved = visits.getByRole('button', {
      name: `Cancel the appointment of ${second.date} at ${second.time}`,
    });
    await cancelMoved.waitFor();
    expect(await visits.getByRole('row').count()).toBe(2); // the header and the one visit

    await cancelMoved.click();
    const cancelling = page.getByRole('form', { name: 'Cancel appointment' });
    await cancelling.getByLabel('Reason for cancelling').fill('Patient phoned: away that week');
    await cancelling.getByRole('button', { name: 'Cancel appointment' }).click();
    await cancelling.waitFor({ state: 'detached' });
    await visits.getByText('Patient phoned: away that week').waitFor();
    expect(await visits.getByRole('button', { name: /^(Move|Cancel) the appointment/ }).count()).toBe(0);
    await signOut(page);
  });

  it('a failed Reinstate of a department shows a toast (issue 13)', async () => {
    await startAs('admin');
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
    await signOut(page);
  });

  it('Today: filter by department and doctor, keep "still expected" in view; the filter survives a reload', async () => {
    await page.setViewportSize({ width: 1280, height: 860 }); // the README screenshot's size
    await startAs('reception');
    await heading('Today').waitFor();
    const list = await api<AppointmentList>('appointments/list', { from: '2026-03-11', days: 1 });
    if (!list.ok) throw new Error(list.error.message);
    const someone = list.value.items.find((a) => a.status === 'booked');
    if (!someone) throw new Error('Nobody is still expected today');
    const theirs = list.value.items.filter((a) => a.doctorId === someone.doctorId);
    const stillExpected = theirs.filter((a) => a.status === 'booked').length;

    const filter = page.getByRole('region', { name: "Filter today's appointments" });
    await filter.getByLabel('Department', { exact: true }).click();
    await page.getByRole('option', { name: someone.departmentName, exact: true }).click();
    await filter.getByLabel('Doctor', { exact: true }).click();
    await page.getByRole('option', { name: someone.doctorName, exact: true }).click();
    await filter.getByText(`Still expected (${stillExpected})`).click();
    const rows = page.getByRole('table', { name: "Today's appointments" }).locator('tbody tr');
    await poll(() => rows.count()).toBe(stillExpected);
    await filter.getByText(`Waiting (${theirs.filter((a) => a.status === 'arrived').length})`).waitFor();
    await screenshot(page, 'front-desk-today-filter');

    await page.reload();
    await heading('Today').waitFor();
    await poll(() => filter.getByLabel('Doctor', { exact: true }).inputValue()).toBe(someone.doctorName);
    await poll(() => rows.count()).toBe(stillExpected);
    for (const text of await rows.allInnerTexts()) expect(text).toContain(someone.doctorName);
    await filter.getByRole('button', { name: 'Show everyone' }).click();
    await poll(() => rows.count()).toBe(list.value.items.length);
    await signOut(page);
  });

  /** The focused element shows a focus ring the browser draws for keyboard users. */
  async function focusRing(): Promise<{ visible: boolean; label: string }> {
    return page.evaluate<{ visible: boolean; label: string }>(
      `(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return { visible: false, label: '' };
        const style = getComputedStyle(el);
        const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
        return {
          visible: el.matches(':focus-visible') && ring,
          label: el.getAttribute('aria-label') || el.getAttribute('name') || el.textContent || '',
        };
      })()`,
    );
  }

  it('keyboard only: find a patient (/), open (Enter), book (B) the next free slot with a doctor, confirm', async () => {
    await startAs('reception');
    await heading('Today').waitFor();
    const free = await api<FreeSlots>('appointments/freeSlots', { doctorId: 3, from: '2026-03-11', days: 1 });
    if (!free.ok) throw new Error(free.error.message);
    const doctor = free.value.doctors[0];
    const next = doctor?.slots[0];
    if (!doctor || !next) throw new Error('Dr 3 has no free time left today');

    // The hints are on screen: Ctrl K in the header.
    await page.getByRole('button', { name: 'Find patient' }).getByText('K', { exact: true }).waitFor();
    await page.keyboard.press('Control+K');
    const search = page.getByRole('searchbox', { name: 'Search patients' });
    await heading('Patients').waitFor();
    await poll(() => isFocused(search)).toBe(true);
    await page.getByText('Enter opens the first patient found.').waitFor();
    await page.keyboard.type('P000020');
    await patientRow('P000020').waitFor();
    await poll(() => page.getByRole('table', { name: 'Patients' }).locator('tbody tr').count()).toBe(1);
    await page.keyboard.press('Enter');
    const book = page.getByRole('button', { name: 'Book appointment' });
    await book.waitFor();
    expect(await book.getAttribute('aria-keyshortcuts')).toBe('B');
    await page.keyboard.press('b');

    const dialog = page.getByRole('form', { name: 'Book appointment' });
    await dialog.waitFor();
    const doctorBox = dialog.getByLabel('Doctor', { exact: true });
    await poll(() => isFocused(doctorBox)).toBe(true);
    await page.keyboard.type(doctor.doctorName);
    await page.getByRole('option', { name: new RegExp(`^${doctor.doctorName} ·`) }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const time = dialog.getByLabel('Free time', { exact: true });
    await poll(() => time.getAttribute('placeholder')).toBe('Choose a time');
    // Tab past the date (today) to the free times: the first one is the next free slot.
    for (let presses = 0; presses < 10 && !(await isFocused(time)); presses++) {
      await page.keyboard.press('Tab');
    }
    expect(await isFocused(time)).toBe(true);
    await page.keyboard.press('ArrowDown');
    await page.getByRole('option', { name: next.time, exact: true }).waitFor();
    await page.keyboard.press('Enter');
    expect(await time.inputValue()).toBe(next.time);
    await page.keyboard.press('Tab'); // the reason for the visit
    await page.keyboard.type('Keyboard booking');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    const booked = await api<AppointmentList>('appointments/list', {
      doctorId: doctor.doctorId,
      from: next.date,
      days: 1,
    });
    if (!booked.ok) throw new Error(booked.error.message);
    const made = booked.value.items.find((a) => a.reason === 'Keyboard booking');
    expect(made).toMatchObject({ patientNumber: 'P000020', status: 'booked' });
    // The first time offered is the doctor's next free one.
    expect(made?.time).toBe(next.time);
    await signOut(page);
  });

  it('keyboard only: check in the next arrival on Today', async () => {
    await startAs('reception');
    await heading('Today').waitFor();
    const list = await api<AppointmentList>('appointments/list', { from: '2026-03-11', days: 1 });
    if (!list.ok) throw new Error(list.error.message);
    const arrival = list.value.items.find((a) => a.status === 'booked' && a.startsAt >= list.value.now);
    if (!arrival) throw new Error('Nobody is still expected today');

    await page.getByText('to the first row', { exact: false }).waitFor();
    await page.keyboard.press('/');
    const search = page.getByLabel("Find a patient in today's list");
    await poll(() => isFocused(search)).toBe(true);
    await page.keyboard.type(arrival.patientNumber);
    const table = page.getByRole('table', { name: "Today's appointments" });
    await poll(() => table.locator('tbody tr').count()).toBeGreaterThan(0);
    await poll(async () =>
      (await table.locator('tbody tr').first().innerText()).includes(arrival.patientNumber),
    ).toBe(true);
    await page.keyboard.press('Enter');
    const focused = await focusRing();
    expect(focused).toEqual({ visible: true, label: `Check in ${arrival.patientName} at ${arrival.time}` });
    await page.keyboard.press('Enter');
    await poll(async () => {
      const after = await api<AppointmentList>('appointments/list', { from: '2026-03-11', days: 1 });
      return after.ok ? after.value.items.find((a) => a.id === arrival.id)?.status : undefined;
    }).toBe('arrived');
    await signOut(page);
  });

  it('left no errors in the page', () => {
    expect(problems.errors).toEqual([]);
    expect(problems.cspViolations).toEqual([]);
  });
});
