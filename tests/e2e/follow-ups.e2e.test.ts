import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppointmentView, FreeSlots, PatientDetails } from '../../src/shared/dto/clinic';
import type { Result } from '../../src/shared/result';
import { launchBrowser, screenshot, watchPage, type PageProblems } from './support/browser';
import { pageKeyHeader, startPreview, type Preview } from './support/preview';

/**
 * The clinic-day flow continued (same clock as clinic-flow.e2e): the doctor records a next visit
 * when completing a visit; the follow-up shows on reception's Follow-ups list and is booked from
 * there with one click, which takes it off the list.
 */
const NOW = '2026-03-11T10:05:00Z';
const PATIENT = 'Nora Followup';

describe('browser preview: a follow-up from the doctor to the front desk', () => {
  let preview: Preview;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    [preview, browser] = await Promise.all([startPreview({ demo: true, now: NOW }), launchBrowser()]);
    context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    problems = watchPage(page);
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
  });

  async function api<T>(channel: string, input: object = {}): Promise<T> {
    // The preview's /api needs the page's per-session key as well as its cookie (issue 9, item 5).
    const response = await context.request.post(`${preview.origin}/api/${channel}`, {
      data: input,
      headers: await pageKeyHeader(page),
    });
    const result = (await response.json()) as Result<T>;
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value;
  }

  const menu = (name: string) =>
    page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name, exact: true });

  async function signInAs(username: string): Promise<void> {
    await page.getByRole('button', { name: `Use ${username}` }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  }

  async function signOut(): Promise<void> {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
  }

  it('a next visit recorded by the doctor shows on reception’s Follow-ups and is booked from there', async () => {
    await page.goto(preview.url);
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
    // The visit itself (clinic-flow.e2e covers it on screen): registered, booked, checked in …
    await signInAs('reception');
    const patient = await api<PatientDetails>('patients/register', {
      fullName: PATIENT,
      dateOfBirth: '1975-02-03',
      sex: 'female',
      phone: '+44 7700 555999',
    });
    const free = await api<FreeSlots>('appointments/freeSlots', { doctorId: 1, from: '2026-03-11', days: 1 });
    const slot = free.doctors[0]?.slots[0];
    if (!slot) throw new Error('Dr 1 has no free slot today');
    const visit = await api<AppointmentView>('appointments/book', {
      patientId: patient.id,
      doctorId: 1,
      startsAt: slot.startsAt,
    });
    await api('appointments/checkIn', { id: visit.id });
    await signOut();
    // … and completed by the doctor with a next visit in a week.
    await signInAs('dr.fernandez');
    await api('appointments/complete', {
      id: visit.id,
      diagnosis: 'Hypertension review',
      nextVisitDate: '2026-03-16',
    });
    await menu('Follow-ups').click();
    await page.getByRole('table', { name: 'Follow-ups' }).getByText(PATIENT).waitFor();
    await signOut();

    await signInAs('reception');
    await menu('Follow-ups').click();
    await page.getByRole('heading', { name: 'Follow-ups', level: 1 }).waitFor();
    const list = page.getByRole('table', { name: 'Follow-ups' });
    await list.getByText(PATIENT).waitFor();
    await screenshot(page, 'follow-ups');
    await page.getByRole('button', { name: `Book ${PATIENT}` }).click();
    const form = page.getByRole('form', { name: 'Book appointment' });
    await form.getByText(PATIENT).first().waitFor();
    await form.getByLabel('Free time').click();
    await page.getByRole('option').first().click();
    await form.getByRole('button', { name: 'Book', exact: true }).click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(async () => (await list.getByText(PATIENT).count()) === 0).toBe(true);
    const open = await api<{ patientId: number }[]>('followUps/list', {
      view: 'open',
      patientId: patient.id,
    });
    expect(open).toEqual([]);
  });

  it('raised no page errors or CSP violations', () => {
    expect(problems.errors).toEqual([]);
    expect(problems.cspViolations).toEqual([]);
  });
});
