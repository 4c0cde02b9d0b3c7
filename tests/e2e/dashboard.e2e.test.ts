import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core';
import { silentLogger } from '../../src/main/core/logger';
import { localDate, zonedInstant } from '../../src/main/core/time/zone';
import { screenshot, type PageProblems } from './support/browser';
import type { Preview } from './support/preview';
import { openPreviewPage, type PreviewPage } from './support/preview-page';
import { signInAs } from './support/session';

const TIME_ZONE = 'Europe/London';
/**
 * The clinic's clock for this file, generator and preview alike: mid-month, so "this month" has
 * visits. Reading the real clock made this file fail on the first day of every month.
 */
const NOW = '2026-03-18T10:05:00Z';

/**
 * The administrator's dashboard against a generated clinic (a small run of the large-clinic
 * generator, so the charts have a year of history): figures that match the database, the three
 * charts, and the refresh button making main count again.
 */
describe('browser preview: admin dashboard', () => {
  let dataDir: string;
  let preview: Preview;
  let opened: PreviewPage | undefined;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'clinic-desk-e2e-dashboard-'));
    const core = await createCore({ dataDir, logger: silentLogger, clock: { now: () => new Date(NOW) } });
    await core.seedLarge({ patients: 400, doctors: 8, years: 1, seed: 5 });
    core.close();
    opened = await openPreviewPage({ demo: false, dataDir, now: NOW }, { width: 1360, height: 1000 });
    ({ preview, page, problems } = opened);
  });

  afterAll(async () => {
    await opened?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Facts straight from the database file, to hold the screen to. */
  function count(sql: string, ...params: unknown[]): number {
    const db = new Database(join(dataDir, 'clinic.db'), { readonly: true });
    try {
      return (db.prepare(sql).get(...params) as { n: number }).n;
    } finally {
      db.close();
    }
  }

  function today(): { start: number; end: number; date: string } {
    const date = localDate(Date.parse(NOW), TIME_ZONE);
    const next = localDate(zonedInstant(date, 0, TIME_ZONE) + 26 * 3_600_000, TIME_ZONE);
    return { date, start: zonedInstant(date, 0, TIME_ZONE), end: zonedInstant(next, 0, TIME_ZONE) };
  }

  const card = (label: string) =>
    page.getByRole('group', { name: label, exact: true }).getByTestId('stat-value');
  const cardNumber = async (label: string) => Number((await card(label).innerText()).replace(/[^\d]/g, ''));

  it('signs the administrator in onto the dashboard', async () => {
    await page.goto(preview.url);
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password', { exact: true }).fill('large-admin');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    const current = page
      .getByRole('navigation', { name: 'Main menu' })
      .getByRole('link', { name: 'Dashboard' });
    expect(await current.getAttribute('aria-current')).toBe('page');
  });

  it('shows the figures the database holds', async () => {
    await card('Active patients').waitFor();
    expect(await cardNumber('Active patients')).toBe(
      count('SELECT count(*) AS n FROM patients WHERE active = 1'),
    );
    expect(await cardNumber('Doctors')).toBe(8);
    expect(await cardNumber('Departments')).toBe(8);
    const { start, end } = today();
    expect(await cardNumber('Appointments today')).toBe(
      count('SELECT count(*) AS n FROM appointments WHERE starts_at >= ? AND starts_at < ?', start, end),
    );
    // The preview runs the background work like the app: today's backup is made at start, and
    // the dashboard hears of it (data/changed) without a refresh.
    await expect.poll(() => card('Last backup').innerText()).toBe('less than an hour ago');
    await page.getByText(/^updated (just now|\d+ s ago)$/).waitFor();
  });

  it('draws the three charts with data', async () => {
    for (const name of ['Appointments per day', 'Visits per department', 'No-show rate per doctor']) {
      const figure = page.getByRole('figure', { name });
      await figure.locator('.recharts-bar-rectangle').first().waitFor();
      expect(await figure.locator('.recharts-bar-rectangle').count(), name).toBeGreaterThan(0);
    }
    await screenshot(page, 'dashboard', { fullPage: true });
  });

  it('counts again when Refresh is pressed, even inside the five minutes', async () => {
    const before = await cardNumber('Appointments today');
    // Another program writes (the memo cannot know): only a forced recount shows it.
    const db = new Database(join(dataDir, 'clinic.db'));
    try {
      const { date } = today();
      const startsAt = zonedInstant(date, 6 * 60 + 1, TIME_ZONE);
      db.prepare(
        `INSERT INTO appointments (patient_id, doctor_id, starts_at, ends_at, status) VALUES (1, 1, ?, ?, 'booked')`,
      ).run(startsAt, startsAt + 15 * 60_000);
    } finally {
      db.close();
    }
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => cardNumber('Appointments today')).toBe(before + 1);
  });

  it('updates immediately after a booking made in the same window', async () => {
    const before = await cardNumber('Next 7 days');
    const tomorrow = localDate(zonedInstant(today().date, 0, TIME_ZONE) + 26 * 3_600_000, TIME_ZONE);
    // Book through the contract from this very page, as the booking dialog does; no Refresh.
    const outcome = await page.evaluate(async (from) => {
      const post = async (channel: string, body: unknown) => {
        const res = await fetch(`/api/${channel}`, {
          method: 'POST',
          // The page's own key, as the app's transport sends it (cookies alone get 401).
          headers: {
            'content-type': 'application/json',
            'x-clinic-desk-key':
              (
                globalThis as unknown as { localStorage: { getItem(name: string): string | null } }
              ).localStorage.getItem('clinic-desk-preview-key') ?? '',
          },
          body: JSON.stringify(body),
        });
        return (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
      };
      for (let doctorId = 1; doctorId <= 8; doctorId++) {
        const free = await post('appointments/freeSlots', { doctorId, from, days: 7 });
        const slots = free.ok
          ? ((free.value as { doctors: { slots: { startsAt: number }[] }[] }).doctors[0]?.slots ?? [])
          : [];
        const slot = slots[0];
        if (!slot) continue;
        for (let patientId = 1; patientId <= 20; patientId++) {
          const booked = await post('appointments/book', { patientId, doctorId, startsAt: slot.startsAt });
          if (booked.ok) return 'booked';
        }
      }
      return 'no free slot could be booked';
    }, tomorrow);
    expect(outcome).toBe('booked');
    await expect.poll(() => cardNumber('Next 7 days')).toBe(before + 1);
  });

  it('raised no page errors or CSP violations', () => {
    expect(problems.errors).toEqual([]);
    expect(problems.cspViolations).toEqual([]);
  });
});

/**
 * Issue 11, defect 8: on the first day of a month, before any visit, the month-to-date charts
 * were empty boxes (and this file failed on a fresh clone that day). The demo clinic at 07:00 on
 * 1 December 2026, the day it happened: each such chart says why it is empty.
 */
describe('browser preview: the dashboard on the first of a month', () => {
  const FIRST_OF_MONTH = '2026-12-01T07:00:00Z';
  let preview: Preview;
  let opened: PreviewPage | undefined;
  let page: Page;

  beforeAll(async () => {
    opened = await openPreviewPage({ now: FIRST_OF_MONTH });
    ({ preview, page } = opened);
  });

  afterAll(() => opened?.close());

  it('says "No completed visits yet this month" instead of drawing an empty chart', async () => {
    await page.goto(preview.url);
    await signInAs(page, 'admin');
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    const visits = page.getByRole('figure', { name: 'Visits per department' });
    await visits.getByText('No completed visits yet this month.').waitFor();
    expect(await visits.locator('.recharts-bar-rectangle').count()).toBe(0);
    // Appointments per day covers the last 30 days, not the month: it still has November's.
    const perDay = page.getByRole('figure', { name: 'Appointments per day' });
    await perDay.locator('.recharts-bar-rectangle').first().waitFor();
  });
});
