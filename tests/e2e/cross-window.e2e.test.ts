import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page as ListPage, PatientSummary } from '../../src/shared/dto';
import type { AppointmentView, FreeSlots } from '../../src/shared/dto/clinic';
import type { Result } from '../../src/shared/result';
import { launchBrowser, watchPage, type PageProblems } from './support/browser';
import { pageKeyHeader, startPreview, type Preview } from './support/preview';

/**
 * A change made in one window reaches another without a reload: two browser sessions of the
 * preview, the second registers a patient, and the first one's search shows it when the
 * `data/changed` push (kind `patients`) arrives over Server-Sent Events. A booking's push names
 * the doctor's day it changed, so only the windows showing that day refetch it.
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

  /** POSTs a call as the writer window. */
  const writerCall = async <T>(channel: string, input: unknown): Promise<Result<T>> => {
    const response = await writer.context().request.post(`${preview.origin}/api/${channel}`, {
      data: input,
      headers: await pageKeyHeader(writer),
    });
    return (await response.json()) as Result<T>;
  };

  /** Counts the appointment-list calls a window makes from now on. */
  const countListCalls = (page: Page) => {
    const counter = { calls: 0 };
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/appointments/list') counter.calls += 1;
    });
    return counter;
  };

  const openCalendarOf = async (page: Page, doctorName: string) => {
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Calendar' }).click();
    await page.getByRole('heading', { name: 'Calendar', level: 1 }).waitFor();
    await page.getByLabel('Doctor or department').first().click();
    await page.getByRole('option', { name: doctorName }).click();
  };

  it('a booking for doctor A tomorrow refetches A’s tomorrow, not doctor B’s today', async () => {
    const today = '2026-03-11';
    const tomorrow = '2026-03-12';
    const freeTomorrow = await writerCall<FreeSlots>('appointments/freeSlots', { from: tomorrow, days: 1 });
    const freeToday = await writerCall<FreeSlots>('appointments/freeSlots', { from: today, days: 1 });
    const people = await writerCall<ListPage<PatientSummary>>('patients/list', { query: '', limit: 20 });
    if (!freeTomorrow.ok || !freeToday.ok || !people.ok) throw new Error('the demo clinic did not answer');
    const a = freeTomorrow.value.doctors.find((d) => d.slots.length > 0);
    const b = freeToday.value.doctors.find((d) => d.slots.length > 0 && d.doctorId !== a?.doctorId);
    const [first, second] = people.value.items;
    if (!a?.slots[0] || !b?.slots[0] || !first || !second) throw new Error('no free slots or patients');

    // Window A shows doctor A's tomorrow; window B (a third window) doctor B's today.
    await openCalendarOf(watcher, a.doctorName);
    await watcher.getByRole('button', { name: 'Next day' }).click();
    const slotA = watcher.getByRole('button', {
      name: `Book ${a.doctorName} at ${a.slots[0].time} on ${tomorrow}`,
    });
    await slotA.waitFor();
    const other = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
    other.setDefaultTimeout(20_000);
    await signIn(other);
    await openCalendarOf(other, b.doctorName);
    const slotB = other.getByRole('button', {
      name: `Book ${b.doctorName} at ${b.slots[0].time} on ${today}`,
    });
    await slotB.waitFor();
    const callsA = countListCalls(watcher);
    const callsB = countListCalls(other);

    const book = async (patientId: number, doctorId: number, startsAt: number) =>
      expect(
        await writerCall<AppointmentView>('appointments/book', { patientId, doctorId, startsAt }),
      ).toMatchObject({
        ok: true,
      });
    await book(first.id, a.doctorId, a.slots[0].startsAt);
    // A's screen shows the booking without a reload: its slot turns into the appointment.
    await watcher.getByRole('link', { name: first.fullName }).waitFor();
    await slotA.waitFor({ state: 'detached' });
    expect(callsA.calls).toBeGreaterThan(0);

    // Then a booking B's today does show: B's stream brings the two pushes in order, so once B
    // shows this one it has handled the first, and it fetched its list once (for this one) only.
    await book(second.id, b.doctorId, b.slots[0].startsAt);
    await other.getByRole('link', { name: second.fullName }).waitFor();
    expect(callsB.calls).toBe(1);
    expect(problems.errors).toEqual([]);
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
