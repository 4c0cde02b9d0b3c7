/**
 * Issue 14: the clinic day once more, with the doctor on a second PC paired to the host over TLS
 * on 127.0.0.1. Both PCs are driven with Debian's Chromium:
 *
 * - the host PC: a real core serving other PCs through `createNetworkHost` (wired as the desktop
 *   app wires it, support/host-preview.ts) on the clinic's fixed clock, with reception's and the
 *   administrator's screen being the same renderer over the browser preview;
 * - the consulting-room PC: the BUILT desktop app (out/main, out/preload, out/renderer) under the
 *   Electron stand-in, which on its first run pairs from the set-up screen and restarts; it then
 *   runs as the host's client: its main process opens no database and forwards every IPC call of
 *   its window to the host (src/main/shell/network-mode.ts, src/main/network/remote-core.ts).
 *
 * The day: the administrator turns hosting on and makes a pairing code on the host, which is
 * entered on the client; the doctor signs in on the client as themselves; reception registers,
 * books and checks in on the host and the doctor's My day shows it without a refresh; the doctor
 * records the visit with a next-visit date and reception's Follow-ups on the host shows it; the
 * front desk signed in on the client reads no clinical field, as on the host. Steps run in order.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PatientSummary, Page as ListPage } from '../../src/shared/dto';
import { completeBooking, registerPatient } from '../e2e/support/front-desk-steps';
import { openPreviewPage, type PreviewPage } from '../e2e/support/preview-page';
import { signInAs, signOut } from '../e2e/support/session';
import { ensureBuilt } from './support/build';
import { linkAppFolder, startDesktop, type DesktopRun, type StandInMessage } from './support/desktop-run';
import type { RemoteLocator } from './support/remote-page';

const NOW = '2026-03-11T10:05:00Z';
const TODAY = '2026-03-11';
const NEXT_VISIT = '2026-03-16';
const PATIENT = 'Rhea Clientday';
const ROOM = 'Consulting room 1';
const DIAGNOSIS = 'Acute tonsillitis';
const HOST_ENTRY = 'tests/desktop/support/host-preview.ts';

/** A port nobody listens on now, for the administrator to type into Settings › Network. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const isType = (type: string) => (message: StandInMessage) => message.type === type;

const menu = (page: Page | RemoteLocator, name: string) =>
  page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name, exact: true });

/** Each step drives two PCs (and the first two start the client app's Chromium) on a loaded machine. */
const STEP_TIMEOUT = 180_000;

describe('several PCs: the clinic day with the doctor on a client PC', { timeout: STEP_TIMEOUT }, () => {
  let root = '';
  let appPath = '';
  let userData = '';
  /** Reception's and the administrator's screen on the host PC. */
  let host: PreviewPage;
  /** The consulting-room PC: the built desktop app under the stand-in. */
  let client: DesktopRun | null = null;
  let port = 0;
  let bookedTime = '';

  beforeAll(async () => {
    ensureBuilt();
    root = mkdtempSync(join(tmpdir(), 'clinic-desk-netday-'));
    appPath = linkAppFolder(root);
    userData = join(root, 'user-data');
    [host, port] = await Promise.all([
      openPreviewPage({ entry: HOST_ENTRY, demo: true, now: NOW }, { width: 1360, height: 900 }),
      freePort(),
    ]);
  });

  // The steps share two PCs, in order: after a failed one the rest would only wait out timeouts.
  let failed = false;
  beforeEach((context) => {
    if (failed) context.skip();
  });

  afterEach((context) => {
    if (context.task.result?.state === 'fail') {
      failed = true;
      console.error(`--- client PC output ---\n${client?.output() ?? ''}`);
      console.error(`--- host output ---\n${host?.preview.output() ?? ''}`);
    }
  });

  afterAll(async () => {
    await client?.quit().catch(() => undefined);
    await host?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('pairs the consulting-room PC: the code made on the host is entered on the client’s first run', async () => {
    const page = host.page;
    await page.goto(host.preview.url);
    await signInAs(page, 'admin');
    await menu(page, 'Settings').click();
    const network = page.getByRole('region', { name: 'Network' });
    await network.getByLabel('Port').fill(String(port));
    await network.getByRole('switch', { name: 'Let other PCs in this clinic connect' }).click();
    await network.getByText('Other PCs connect to:').waitFor();
    const fingerprint = await network.getByText(/^[0-9A-F]{2}(:[0-9A-F]{2}){31}$/).innerText();
    await network.getByRole('button', { name: 'Pair a PC' }).click();
    const shown = await network.getByRole('status').filter({ hasText: /^Code/ }).innerText();
    const code = /^Code\s+(\S+)/.exec(shown)?.[1] ?? '';
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    // First run on the other PC: no clinic there yet; it offers to connect to this clinic's host.
    client = startDesktop({ appPath, userData });
    await client.waitFor(isType('window-loaded'), 'the first-run window loaded');
    // That first run opened an (empty) database of its own, in its data folder.
    expect(existsSync(join(userData, 'clinic.db'))).toBe(true);
    const room = client.window;
    await room.getByRole('button', { name: "Connect to this clinic's host" }).click();
    await room.getByLabel('Host PC address').fill(`127.0.0.1:${port}`);
    await room.getByRole('button', { name: 'Find the host' }).click();
    // The person compares the fingerprint the client read with the one Settings shows on the host.
    await room.getByText(fingerprint, { exact: true }).waitFor();
    await room.getByLabel('Pairing code').fill(code);
    await room.getByLabel('Name of this PC').fill(ROOM);
    await room.getByRole('button', { name: 'The fingerprints match: connect' }).click();
    await client.waitFor(isType('relaunch'), 'the app restarted as the host’s client');
    expect(await client.exited).toBe(0);
    // It quit to restart without it: the client keeps no database for anyone to back up or restore.
    expect(readdirSync(userData).filter((name) => name.startsWith('clinic.db'))).toEqual([]);

    // The host's administrator sees the new PC arrive, without reloading Settings.
    await page
      .getByRole('table', { name: 'Paired PCs' })
      .getByRole('cell', { name: ROOM, exact: true })
      .waitFor();
    await signOut(page);
  });

  it('starts again as the host’s client: no database of its own; the doctor signs in as themselves', async () => {
    client = startDesktop({ appPath, userData });
    await client.waitFor(isType('window-loaded'), 'the client window loaded');
    const room = client.window;
    // The sign-in screen offers the host's demo logins: its answers come from the host.
    await signInAs(room, 'dr.fernandez');
    await room.getByRole('heading', { name: 'My day', level: 1 }).waitFor();
    await room.getByRole('table', { name: 'My appointments today' }).waitFor();
    expect(await room.locator('body').innerText()).not.toContain(PATIENT);
    // better-sqlite3 loads its binary only when a database is opened: a client never does.
    expect((await client.nativeModules()).filter((path) => path.includes('better_sqlite3'))).toEqual([]);
  });

  it('reception registers and books on the host; the appointment appears on the doctor’s My day by itself', async () => {
    const page = host.page;
    await signInAs(page, 'reception');
    await menu(page, 'Patients').click();
    await registerPatient(page, {
      fullName: PATIENT,
      dateOfBirth: '1991-05-14',
      sex: 'Female',
      phone: '+44 7700 555321',
    });

    await menu(page, 'Calendar').click();
    await page.getByLabel('Doctor or department').first().click();
    await page.getByRole('option', { name: /Fernández/ }).click();
    const slot = page
      .getByRole('button', { name: new RegExp(`^Book .+ at \\d\\d:\\d\\d on ${TODAY}$`) })
      .first();
    bookedTime = /at (\d\d:\d\d) on/.exec((await slot.getAttribute('aria-label')) ?? '')?.[1] ?? '';
    expect(bookedTime).toMatch(/^\d\d:\d\d$/);
    await slot.click();
    await completeBooking(page, { search: 'clientday', patient: PATIENT, reason: 'Sore throat' });

    // The doctor's window was not touched: the host's push brought the booking.
    const myDay = client!.window.getByRole('table', { name: 'My appointments today' });
    await myDay.getByText(PATIENT).waitFor();

    await menu(page, 'Today').click();
    await page.getByRole('button', { name: `Check in ${PATIENT} at ${bookedTime}` }).click();
    await page.getByRole('row').filter({ hasText: PATIENT }).getByText('Arrived').waitFor();
    await myDay.getByRole('row').filter({ hasText: PATIENT }).getByText('Arrived').waitFor();
  });

  it('the doctor records the visit on the client; reception’s Follow-ups on the host shows the next visit', async () => {
    const page = host.page;
    await menu(page, 'Follow-ups').click();
    await page.getByRole('heading', { name: 'Follow-ups', level: 1 }).waitFor();
    expect(await page.locator('body').innerText()).not.toContain(PATIENT);

    const room = client!.window;
    await room.getByRole('link', { name: `Open visit of ${PATIENT} at ${bookedTime}` }).click();
    await room.getByRole('heading', { name: `Visit: ${PATIENT}` }).waitFor();
    const form = room.getByRole('form', { name: 'Record treatment' });
    await form.getByLabel('Diagnosis').fill(DIAGNOSIS);
    await form.getByLabel('Treatment notes').fill('Enlarged tonsils, no exudate; fluids and rest.');
    await form.getByLabel('Prescription').fill('Ibuprofen 400 mg three times a day');
    await form.getByLabel('Suggested next visit').fill(NEXT_VISIT);
    await form.getByLabel('Diagnosis').click();
    await form.getByRole('button', { name: 'Complete visit' }).click();
    await room.getByRole('region', { name: 'Recorded treatment' }).getByText(DIAGNOSIS).waitFor();

    // Reception's open Follow-ups screen on the host shows it, without a reload.
    const row = page.getByRole('table', { name: 'Follow-ups' }).getByRole('row').filter({ hasText: PATIENT });
    await row.getByText(NEXT_VISIT).waitFor();
  });

  it('roles apply on the client as on the host: the front desk signed in there reads no clinical field', async () => {
    const run = client!;
    const room = run.window;
    await signOut(room);
    await signInAs(room, 'reception');
    await menu(room, 'Patients').click();
    await room.getByLabel('Search patients').fill('clientday');
    await room.getByRole('link', { name: PATIENT }).first().click();
    const visits = room.getByRole('table', { name: 'Visits' });
    await visits.getByText('Completed').waitFor();
    expect(await visits.innerText()).not.toContain(DIAGNOSIS);
    await room.getByText('Diagnoses and notes are visible to doctors and administrators only.').waitFor();

    // The contract answers the client's window as it answers the host's: no clinical field, and
    // no completing a visit as the front desk.
    const found = await run.invoke<ListPage<PatientSummary>>('patients/list', { query: 'clientday' });
    const history = await run.invoke('patients/history', { patientId: found.items[0]?.id });
    expect(JSON.stringify(history)).not.toMatch(/tonsillitis|Ibuprofen|tonsils/);
    await expect(run.invoke('appointments/complete', { id: 1, diagnosis: 'Not allowed' })).rejects.toThrow(
      /forbidden/,
    );
    expect(await run.quit()).toBe(0);
  });

  it('raised no page errors or CSP violations on either PC', () => {
    expect(host.problems.errors).toEqual([]);
    expect(host.problems.cspViolations).toEqual([]);
    expect(client?.messages.filter(isType('page-error'))).toEqual([]);
  });
});
