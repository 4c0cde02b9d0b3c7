import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppointmentView, FreeSlots, PatientDetails } from '../../src/shared/dto/clinic';
import type { Result } from '../../src/shared/result';
import { screenshot, type PageProblems } from './support/browser';
import { pageKeyHeader, type Preview } from './support/preview';
import { openPreviewPage, type PreviewPage } from './support/preview-page';
import { signInAs, signOut } from './support/session';

/**
 * The clinic-day flow continued (same clock as clinic-flow.e2e): the doctor records a next visit
 * when completing a visit; the follow-up shows on reception's Follow-ups list and is booked from
 * there with one click, which takes it off the list.
 */
const NOW = '2026-03-11T10:05:00Z';
const PATIENT = 'Nora Followup';

describe('browser preview: a follow-up from the doctor to the front desk', () => {
  let opened: PreviewPage | undefined;
  let preview: Preview;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    opened = await openPreviewPage({ demo: true, now: NOW }, { width: 1360, height: 900 });
    ({ preview, context, page, problems } = opened);
  });

  afterAll(() => opened?.close());

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

  it('a next visit recorded by the doctor shows on reception’s Follow-ups and is booked from there', async () => {
    await page.goto(preview.url);
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
    // The visit itself (clinic-flow.e2e covers it on screen): registered, booked, checked in …
    await signInAs(page, 'reception');
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
    await signOut(page);
    // … and completed by the doctor with a next visit in a week.
    await signInAs(page, 'dr.fernandez');
    await api('appointments/complete', {
      id: visit.id,
      diagnosis: 'Hypertension review',
      nextVisitDate: '2026-03-16',
    });
    await menu('Follow-ups').click();
    await page.getByRole('table', { name: 'Follow-ups' }).getByText(PATIENT).waitFor();
    await signOut(page);

    await signInAs(page, 'reception');
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
