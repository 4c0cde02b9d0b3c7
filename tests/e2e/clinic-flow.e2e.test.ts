import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppointmentList, FreeSlots } from '../../src/shared/dto/clinic';
import type { PatientSummary, Page as ListPage } from '../../src/shared/dto';
import type { ExportItem } from '../../src/shared/dto/jobs';
import type { Result } from '../../src/shared/result';
import { SmtpSink } from '../support/smtp-sink';
import { screenshot, type PageProblems } from './support/browser';
import { pageKeyHeader, type Preview } from './support/preview';
import { completeBooking, registerPatient } from './support/front-desk-steps';
import { openPreviewPage, type PreviewPage } from './support/preview-page';
import { signInAs, signOut } from './support/session';

/**
 * The clinical day end to end, with the clinic's clock fixed at Wednesday 11 March 2026, 10:05
 * London time: the front desk registers and books a patient (a second booking of the same slot is
 * refused on screen) and checks them in; the doctor sees the visit in My day and completes it;
 * the front desk sees it in the patient's history and requests the patient's records; the doctor
 * approves the request on Exports and the patient receives the CSV at the address on file (a real
 * SMTP server); the front desk never sees a clinical field. Steps share one page, in order.
 */
const NOW = '2026-03-11T10:05:00Z';
const PATIENT = 'Esme Clinicflow';

describe('browser preview: the clinical day', () => {
  let opened: PreviewPage | undefined;
  let preview: Preview;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  let bookedTime = '';
  const sink = new SmtpSink();
  /** Mail carrying a CSV (the demo clinic also sends reminders and booking confirmations). */
  const exportMails = () =>
    sink.parsed().filter((m) => m.message.attachments.some((a) => a.contentType.startsWith('text/csv')));

  beforeAll(async () => {
    await sink.start();
    opened = await openPreviewPage(
      { demo: true, now: NOW, env: { CLINIC_DESK_SMTP_URL: sink.url } },
      { width: 1360, height: 900 },
    );
    ({ preview, context, page, problems } = opened);
  });

  afterAll(async () => {
    await opened?.close();
    await sink.stop();
  });

  async function api<T>(channel: string, input: object = {}): Promise<Result<T>> {
    const response = await context.request.post(`${preview.origin}/api/${channel}`, {
      data: input,
      headers: await pageKeyHeader(page),
    });
    return (await response.json()) as Result<T>;
  }

  const menu = (name: string) =>
    page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name, exact: true });

  it('lands the front desk on Today with today’s appointments', async () => {
    await page.goto(preview.url);
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
    await signInAs(page, 'reception');
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    const rows = page.getByRole('table', { name: "Today's appointments" }).locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(5);
    await screenshot(page, 'clinic-today');
  });

  it('registers a patient, warning about a likely duplicate on a second try', async () => {
    await menu('Patients').click();
    await registerPatient(page, {
      fullName: PATIENT,
      dateOfBirth: '1984-07-21',
      sex: 'Female',
      phone: '+44 7700 555123',
      email: 'esme@example.com',
    });
    await screenshot(page, 'clinic-patient-profile');

    await page.getByRole('link', { name: '← All patients' }).click();
    await page.getByRole('button', { name: 'Register patient' }).click();
    const again = page.getByRole('form', { name: 'Register patient' });
    await again.getByLabel('Full name').fill(PATIENT.toLowerCase());
    await again.getByLabel('Date of birth').fill('1984-07-21');
    await again.getByLabel('Full name').click();
    await again.getByLabel('Sex', { exact: true }).first().click();
    await page.getByRole('option', { name: 'Female' }).click();
    await again.getByRole('button', { name: 'Register patient' }).click();
    await page.getByText('This may be a patient who is already registered').waitFor();
    await again.getByRole('button', { name: 'Register anyway' }).waitFor();
    await screenshot(page, 'clinic-register-duplicate');
    // The form holds typing: closing asks first.
    await again.getByRole('button', { name: 'Close', exact: true }).click();
    await page
      .getByRole('alertdialog', { name: 'Discard what you typed?' })
      .getByRole('button', { name: 'Discard' })
      .click();
    await again.waitFor({ state: 'detached' });
  });

  it('books the patient from a free slot in the calendar, and refuses a second booking of that slot', async () => {
    await menu('Calendar').click();
    await page.getByRole('heading', { name: 'Calendar', level: 1 }).waitFor();
    const free = await api<FreeSlots>('appointments/freeSlots', { doctorId: 1, from: '2026-03-11', days: 1 });
    if (!free.ok) throw new Error(free.error.message);
    const [first, second] = free.value.doctors[0]?.slots ?? [];
    if (!first || !second) throw new Error('Dr 1 has no free slots left today');
    const doctorName = free.value.doctors[0]?.doctorName ?? '';

    await page.getByLabel('Doctor or department').first().click();
    await page.getByRole('option', { name: doctorName }).click();
    const slotButton = page.getByRole('button', {
      name: `Book ${doctorName} at ${first.time} on ${first.date}`,
    });
    await slotButton.waitFor();
    await screenshot(page, 'clinic-calendar-day');

    // Another desk takes the first slot while this dialog is open: the booking is refused on screen.
    await slotButton.click();
    const dialog = page.getByRole('form', { name: 'Book appointment' });
    await dialog.getByLabel('Patient', { exact: true }).first().fill('clinicflow');
    await page
      .getByRole('option', { name: new RegExp(PATIENT) })
      .first()
      .click();
    await screenshot(page, 'clinic-book-dialog');
    const other = await api<ListPage<PatientSummary>>('patients/list', { query: 'P000010' });
    if (!other.ok) throw new Error(other.error.message);
    const taken = await api('appointments/book', {
      patientId: other.value.items[0]?.id,
      doctorId: 1,
      startsAt: first.startsAt,
    });
    expect(taken.ok).toBe(true);
    await dialog.getByRole('button', { name: 'Book', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'That slot was just taken' }).waitFor();
    await screenshot(page, 'clinic-book-refused');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await page
      .getByRole('alertdialog', { name: 'Discard what you typed?' })
      .getByRole('button', { name: 'Discard' })
      .click();
    await dialog.waitFor({ state: 'detached' });

    await page
      .getByRole('button', { name: `Book ${doctorName} at ${second.time} on ${second.date}` })
      .click();
    await completeBooking(page, { search: 'esme clin', patient: PATIENT, reason: 'Persistent cough' });
    await page.getByRole('link', { name: PATIENT }).waitFor();
    bookedTime = second.time;

    await page.locator('label[for$="-week"]').click();
    await page.getByRole('region', { name: /^Fri 2026-03-13$/ }).waitFor();
    // The week's columns are narrow, yet every patient's name is shown whole: one line had cut
    // most of them to "Chloe W…", leaving the desk to guess who is booked.
    const days = page.getByRole('region', { name: /^\w{3} \d{4}-\d\d-\d\d$/ });
    const names = days.locator('a[href^="#/patients/"]');
    await names.filter({ hasText: PATIENT }).waitFor();
    // (These tests type-check without the DOM library: only what the check reads.)
    type NameLink = {
      textContent: string | null;
      parentElement: { scrollWidth: number; clientWidth: number } | null;
    };
    const shown = await names.evaluateAll((links) =>
      (links as unknown as NameLink[]).map((link) => {
        const line = link.parentElement;
        return { name: link.textContent, cut: line !== null && line.scrollWidth > line.clientWidth + 1 };
      }),
    );
    expect(shown.length).toBeGreaterThan(20);
    expect(shown.filter((name) => name.cut)).toEqual([]);
    // Nor does anything run out of its day's column, on a laptop or a wide screen: at 1440 px seven
    // fixed columns put the ⋯ menu past the column's edge.
    type Edges = { getBoundingClientRect(): { right: number }; querySelectorAll(all: '*'): ArrayLike<Edges> };
    for (const width of [1280, 1440, 1920]) {
      await page.setViewportSize({ width, height: 860 });
      const spilling = await days.evaluateAll((columns) =>
        (columns as unknown as Edges[]).map((column) => {
          const edge = column.getBoundingClientRect().right;
          return Array.from(column.querySelectorAll('*')).filter(
            (el) => el.getBoundingClientRect().right > edge + 0.5,
          ).length;
        }),
      );
      expect({ width, spilling }).toEqual({ width, spilling: spilling.map(() => 0) });
    }
    await page.setViewportSize({ width: 1280, height: 860 });
    await screenshot(page, 'clinic-calendar-week');
  });

  it('moves the booking to another free time from the calendar: one appointment, the old time free again', async () => {
    const free = await api<FreeSlots>('appointments/freeSlots', { doctorId: 1, from: '2026-03-11', days: 1 });
    if (!free.ok) throw new Error(free.error.message);
    const doctorName = free.value.doctors[0]?.doctorName ?? '';
    const target = free.value.doctors[0]?.slots.at(-1);
    if (!target) throw new Error('Dr 1 has no free slot left today');
    const day = page.getByRole('region', { name: /^Wed 2026-03-11$/ });
    const changeAt = (time: string) =>
      day.getByRole('button', { name: `Change ${PATIENT}'s appointment at ${time} on 2026-03-11` });

    await changeAt(bookedTime).click();
    await page.getByRole('menuitem', { name: 'Move…' }).click();
    const dialog = page.getByRole('form', { name: 'Move appointment' });
    await dialog.getByText(`${PATIENT} (`).waitFor();
    // Nothing chosen yet: the dialog says what is missing and moves nothing.
    await dialog.getByRole('button', { name: 'Move', exact: true }).click();
    await dialog.getByText('Choose a free time.').waitFor();
    await dialog.getByLabel('New time', { exact: true }).click();
    await page.getByRole('option', { name: target.time, exact: true }).click();
    await screenshot(page, 'clinic-move-dialog');
    await dialog.getByRole('button', { name: 'Move', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    await changeAt(target.time).waitFor();
    await day.getByRole('button', { name: `Book ${doctorName} at ${bookedTime} on 2026-03-11` }).waitFor();
    const list = await api<AppointmentList>('appointments/list', { doctorId: 1, from: '2026-03-11' });
    if (!list.ok) throw new Error(list.error.message);
    const hers = list.value.items.filter((a) => a.patientName === PATIENT);
    expect(hers.map((a) => [a.time, a.status])).toEqual([[target.time, 'booked']]);
    bookedTime = target.time;
  });

  it('checks the patient in on Today', async () => {
    await menu('Today').click();
    await page.getByRole('button', { name: `Check in ${PATIENT} at ${bookedTime}` }).click();
    const row = page.getByRole('row').filter({ hasText: PATIENT });
    await row.getByText('Arrived').waitFor();
    await signOut(page);
  });

  it('shows the doctor the visit in My day, and completes it with a diagnosis', async () => {
    await signInAs(page, 'dr.fernandez');
    await page.getByRole('heading', { name: 'My day', level: 1 }).waitFor();
    await page.getByRole('table', { name: 'My appointments today' }).getByText(PATIENT).waitFor();
    await screenshot(page, 'clinic-my-day');
    await page.getByRole('link', { name: `Open visit of ${PATIENT} at ${bookedTime}` }).click();
    await page.getByRole('heading', { name: `Visit: ${PATIENT}` }).waitFor();
    const form = page.getByRole('form', { name: 'Record treatment' });
    await form.getByRole('button', { name: 'Complete visit' }).click();
    await form.getByText('Enter the diagnosis.').waitFor();
    await form.getByLabel('Diagnosis').fill('Acute bronchitis');
    await form.getByLabel('Treatment notes').fill('Chest clear on auscultation; fluids and rest.');
    await form.getByLabel('Prescription').fill('Paracetamol 500 mg as needed');
    await screenshot(page, 'clinic-visit');
    await form.getByRole('button', { name: 'Complete visit' }).click();
    await page.getByRole('region', { name: 'Recorded treatment' }).getByText('Acute bronchitis').waitFor();
    await screenshot(page, 'clinic-visit-completed');
    await signOut(page);
  });

  it("shows the front desk the completed visit in the patient's history, without clinical notes", async () => {
    await signInAs(page, 'reception');
    await menu('Patients').click();
    await page.getByLabel('Search patients').fill('clinicflow');
    await page.getByRole('link', { name: PATIENT }).first().click();
    const visits = page.getByRole('table', { name: 'Visits' });
    await visits.getByText('Completed').waitFor();
    expect(await visits.innerText()).not.toContain('Acute bronchitis');
    await page.getByText('Diagnoses and notes are visible to doctors and administrators only.').waitFor();
    await screenshot(page, 'clinic-patient-history', { fullPage: true });
  });

  it("lets the front desk request the patient's records, writing and sending nothing yet", async () => {
    await page.getByRole('button', { name: 'Request history export' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Request #\d+ sent/ })
      .waitFor();
    await menu('Exports').click();
    const row = page.getByRole('table', { name: 'Exports' }).locator('tbody tr').first();
    await row.getByText('requested', { exact: true }).waitFor();
    expect(exportMails()).toEqual([]);
    await signOut(page);
  });

  it('lets the doctor approve it; the patient receives the CSV at the address on file', async () => {
    await signInAs(page, 'dr.fernandez');
    await menu('Exports').click();
    const row = page.getByRole('table', { name: 'Exports' }).locator('tbody tr').first();
    await row.getByText('To esme@example.com').waitFor();
    await screenshot(page, 'clinic-export-approval');
    await row.getByRole('button', { name: /^Approve export \d+$/ }).click();
    await row.getByText('done', { exact: true }).waitFor();
    await expect.poll(() => exportMails().length, { timeout: 20_000 }).toBe(1);
    const [mail] = exportMails();
    expect(mail!.to).toEqual(['esme@example.com']);
    const csv = mail!.message.attachments[0]!.content.toString('utf8');
    expect(csv).toContain('Acute bronchitis');
    expect(csv).toContain('Paracetamol 500 mg as needed');
    await signOut(page);
  });

  it('shows the front desk its request done, and never a clinical field', async () => {
    await signInAs(page, 'reception');
    await menu('Exports').click();
    const row = page.getByRole('table', { name: 'Exports' }).locator('tbody tr').first();
    await row.getByText('done', { exact: true }).waitFor();
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/Acute bronchitis|Paracetamol|auscultation|\.csv/);
    const list = await api<ExportItem[]>('exports/list');
    expect(list).toMatchObject({ ok: true, value: [{ status: 'done', filePath: null, fileName: null }] });
    expect(JSON.stringify(list)).not.toMatch(/Acute bronchitis|Paracetamol/);
    const reveal = await api('exports/reveal', { id: list.ok ? list.value[0]!.id : 0 });
    expect(reveal).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('shows the administrator all of it in the audit log', async () => {
    await signOut(page);
    await signInAs(page, 'admin');
    const found = await api<{ items: { patientNumber: string }[] }>('patients/list', { query: 'clinicflow' });
    if (!found.ok) throw new Error(found.error.message);
    const number = found.value.items[0]?.patientNumber ?? '';
    expect(number).toMatch(/^P\d{6}$/);
    await menu('Audit log').click();
    const table = page.getByRole('table', { name: 'Audit log' });
    await table.getByText(`Registered patient ${number}`, { exact: false }).first().waitFor();
    await table.getByText(`Booked ${number} with`, { exact: false }).first().waitFor();
    await table
      .getByText(new RegExp(`^Checked in \\(${number}`))
      .first()
      .waitFor();
    await table
      .getByText(new RegExp(`^Completed with treatment recorded \\(${number}`))
      .first()
      .waitFor();
    await table
      .getByText(/^History export of patient #\d+ requested\.$/)
      .first()
      .waitFor();
    await table
      .getByText(/^Export request #\d+ approved\.$/)
      .first()
      .waitFor();
    await table
      .getByText(/^Export #\d+ emailed to the patient's address on file\.$/)
      .first()
      .waitFor();
    await screenshot(page, 'clinic-audit-log', { fullPage: true });
  });

  it('raised no page errors or CSP violations', () => {
    expect(problems.errors).toEqual([]);
    expect(problems.cspViolations).toEqual([]);
  });
});
