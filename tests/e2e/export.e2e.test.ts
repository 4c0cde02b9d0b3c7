import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportItem } from '../../src/shared/dto/jobs';
import type { Result } from '../../src/shared/result';
import { JobFixtures } from '../support/job-fixtures';
import { tempCore, tempDir } from '../support/temp-core';
import { screenshot, type PageProblems } from './support/browser';
import { pageKeyHeader, type Preview } from './support/preview';
import { openPreviewPage, type PreviewPage } from './support/preview-page';
import { signInAs, signOut } from './support/session';

/**
 * A patient's history export in the preview: the front desk requests it (nothing is written),
 * the administrator approves it on Exports, the worker thread writes the CSV, the list shows it
 * done and a notification says so. The front desk sees the status, never the file.
 */
describe('browser preview: export a patient history', () => {
  let opened: PreviewPage | undefined;
  let preview: Preview;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  const dataDir = tempDir('clinic-desk-e2e-export-');

  beforeAll(async () => {
    const t = await tempCore({ dataDir, demo: true });
    t.core.close();
    const f = new JobFixtures(join(dataDir, 'clinic.db'));
    const doctor = f.doctor('Dr Export Test', f.department('Export Testing'));
    const patient = f.patient('Erin Export', { email: 'erin@example.org', number: 'E000001' });
    const visit = f.appointment(patient, doctor, '2026-01-12', '09:30', 'completed');
    f.treatment(visit, { diagnosis: 'Sprained ankle', notes: 'Rest, ice.\n=Not a formula' });
    f.appointment(patient, doctor, '2026-02-12', '10:00', 'booked');
    f.close();
    opened = await openPreviewPage({ demo: true, dataDir }, { width: 1280, height: 900 });
    ({ preview, context, page, problems } = opened);
  });

  afterAll(() => opened?.close());

  it('signs in as the front desk and opens Exports', async () => {
    await page.goto(preview.url);
    await signInAs(page, 'reception');
    await page.getByRole('link', { name: 'Exports' }).click();
    await page.getByRole('heading', { name: 'Exports', level: 1 }).waitFor();
  });

  const pickPatient = async () => {
    const picker = page
      .getByRole('textbox', { name: 'Patient' })
      .or(page.getByRole('combobox', { name: 'Patient' }));
    await picker.fill('E000001');
    await page.getByRole('option', { name: 'Erin Export (E000001)' }).click();
  };
  /** The next person at this PC: sign out, sign in, open Exports. */
  const switchTo = async (username: string) => {
    await signOut(page);
    await signInAs(page, username);
    await page.getByRole('link', { name: 'Exports' }).click();
    await page.getByRole('heading', { name: 'Exports', level: 1 }).waitFor();
  };

  it('picks the patient and requests the export: nothing is written yet', async () => {
    await pickPatient();
    expect(await page.getByRole('button', { name: 'Export full history' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Request history export' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Request #\d+ sent/ })
      .waitFor();
    const row = page.getByRole('table', { name: 'Exports' }).locator('tbody tr').first();
    await row.getByText('requested', { exact: true }).waitFor();
    expect(await row.getByRole('button').count()).toBe(0);
    expect(existsSync(join(dataDir, 'exports'))).toBe(false);
  });

  it('the administrator approves it on Exports', async () => {
    await switchTo('admin');
    const row = page.getByRole('table', { name: 'Exports' }).locator('tbody tr').first();
    await row.getByText('To erin@example.org').waitFor();
    await screenshot(page, 'exports-request');
    await row.getByRole('button', { name: /^Approve export \d+$/ }).click();
  });

  it('shows the export done in the Exports list, with its file, and a notification', async () => {
    const row = page.getByRole('table', { name: 'Exports' }).locator('tbody tr').first();
    await row.getByText('done', { exact: true }).waitFor();
    expect(await row.innerText()).toMatch(/History of E000001/);
    await page.getByText('Export finished').first().waitFor();
    await screenshot(page, 'exports');

    const response = await context.request.post(`${preview.origin}/api/exports/list`, {
      data: {},
      headers: await pageKeyHeader(page),
    });
    const list = (await response.json()) as Result<ExportItem[]>;
    if (!list.ok) throw new Error(list.error.message);
    const [item] = list.value;
    expect(item).toMatchObject({
      status: 'done',
      rows: 2,
      patientNumber: 'E000001',
      emailStatus: expect.any(String),
    });
    expect(await row.innerText()).toContain(item!.fileName!);
    const csv = readFileSync(item!.filePath!, 'utf8');
    expect(csv.startsWith('\uFEFFpatient_number,')).toBe(true);
    expect(csv).toContain(
      `E000001,Erin Export,2026-01-12,09:30,Dr Export Test,Export Testing,completed,Sprained ankle,"Rest, ice.\n=Not a formula",,`,
    );

    // The preview cannot open a file manager: it shows where the file is.
    await row.getByRole('button', { name: `Show file of export ${item!.id}` }).click();
    await row.getByText(item!.filePath!).waitFor();
  });

  it('shows the front desk its request done, without the file', async () => {
    await switchTo('reception');
    const row = page.getByRole('table', { name: 'Exports' }).locator('tbody tr').first();
    await row.getByText('done', { exact: true }).waitFor();
    expect(await row.innerText()).not.toMatch(/\.csv/);
    expect(await row.getByRole('button').count()).toBe(0);
    const response = await context.request.post(`${preview.origin}/api/exports/list`, {
      data: {},
      headers: await pageKeyHeader(page),
    });
    const list = (await response.json()) as Result<ExportItem[]>;
    expect(list).toMatchObject({ ok: true, value: [{ status: 'done', filePath: null, fileName: null }] });
  });

  it('shows the administrator the jobs, runs reminders now and lists the outbox', async () => {
    await switchTo('admin');
    await page.getByRole('link', { name: 'Jobs' }).click();
    const jobs = page.getByRole('table', { name: 'Scheduled jobs' });
    await jobs.getByText('Every day at 08:00 (Europe/London)', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Run daily reminders now' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Done for \d{4}-\d{2}-\d{2}/ })
      .waitFor();
    await page.getByText(`Messages are written as .eml files`).first().waitFor();
    await page
      .getByRole('table', { name: 'Email outbox' })
      .getByText('Your medical history from', { exact: false })
      .waitFor();
    await screenshot(page, 'jobs', { fullPage: true });
  });

  it('had no page errors or CSP violations', () => {
    expect(problems.errors).toEqual([]);
    expect(problems.cspViolations).toEqual([]);
  });
});
