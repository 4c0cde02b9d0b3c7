import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PatientSummary } from '../../src/shared/dto';
import type { AppointmentView, FreeSlots } from '../../src/shared/dto/clinic';
import type { Result } from '../../src/shared/result';
import type { PageProblems } from './support/browser';
import { pageKeyHeader, type Preview } from './support/preview';
import { openPreviewPage, type PreviewPage } from './support/preview-page';
import { signInAs } from './support/session';

/**
 * A patient whose name and notes are HTML: every screen that shows them (patient list, profile,
 * Today, calendar) must show the characters, never run or render them. The clinic's clock is
 * fixed at Wednesday 11 March 2026, 10:05 London time, so the booking is on Today.
 */
const NOW = '2026-03-11T10:05:00Z';
const NAME = '<img src=x onerror=window.__pwned=1><b>Bold</b>';
const NOTES = '<script>window.__pwned=2</script><i>note</i>';

describe('browser preview: HTML in patient data is shown as text', () => {
  let opened: PreviewPage | undefined;
  let preview: Preview;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  let patient: PatientSummary;
  let booked: AppointmentView;

  beforeAll(async () => {
    opened = await openPreviewPage({ demo: true, now: NOW }, { width: 1360, height: 900 });
    ({ preview, context, page, problems } = opened);
  });

  afterAll(() => opened?.close());

  async function api<T>(channel: string, input: object = {}): Promise<T> {
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

  /** Nothing ran, and the markup made no elements anywhere on the page. */
  async function expectInert(): Promise<void> {
    // A string, evaluated in the page: the tests are type-checked without the DOM library.
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('b', { hasText: /^Bold$/ }).count()).toBe(0);
    expect(await page.locator('i', { hasText: /^note$/ }).count()).toBe(0);
    expect(problems.errors).toEqual([]);
  }

  it('registers and books the patient (through the preview API, signed in as the front desk)', async () => {
    await page.goto(preview.url);
    await signInAs(page, 'reception');
    patient = await api<PatientSummary>('patients/register', {
      fullName: NAME,
      dateOfBirth: '1970-01-01',
      sex: 'other',
      phone: '+44 7700 666001',
      notes: NOTES,
    });
    const free = await api<FreeSlots>('appointments/freeSlots', { doctorId: 1, from: '2026-03-11', days: 1 });
    const slot = free.doctors[0]?.slots[0];
    if (!slot) throw new Error('Dr 1 has no free slot left today');
    booked = await api<AppointmentView>('appointments/book', {
      patientId: patient.id,
      doctorId: 1,
      startsAt: slot.startsAt,
      reason: '<u>reason</u>',
    });
    expect(booked.patientName).toBe(NAME);
  });

  it('shows the name literally in the patient list', async () => {
    await menu('Patients').click();
    await page.getByLabel('Search patients').fill(patient.patientNumber);
    const link = page.getByRole('link', { name: NAME, exact: true });
    await link.waitFor();
    expect(await link.textContent()).toBe(NAME);
    expect(await link.locator('b, img').count()).toBe(0);
    await expectInert();
  });

  it('shows the name and the notes literally on the profile', async () => {
    await page.getByRole('link', { name: NAME, exact: true }).click();
    await page.getByRole('heading', { name: NAME, level: 1 }).waitFor();
    await page.getByText(NOTES, { exact: true }).waitFor();
    await expectInert();
  });

  it('shows the name literally on Today', async () => {
    await menu('Today').click();
    const row = page
      .getByRole('table', { name: "Today's appointments" })
      .getByRole('row')
      .filter({ hasText: NAME });
    await row.waitFor();
    expect(await row.locator('b, img').count()).toBe(0);
    await expectInert();
  });

  it('shows the name literally in the calendar', async () => {
    await menu('Calendar').click();
    await page.getByRole('heading', { name: 'Calendar', level: 1 }).waitFor();
    await page.getByLabel('Doctor or department').first().click();
    await page.getByRole('option', { name: booked.doctorName }).click();
    const entry = page.getByText(NAME, { exact: true }).first();
    await entry.waitFor();
    expect(await entry.locator('b, img').count()).toBe(0);
    await expectInert();
  });
});
