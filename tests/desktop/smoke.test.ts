/**
 * The desktop smoke test: what `npm run build` produced (out/main, out/preload, out/renderer, the
 * export worker) runs as the desktop app, under Node with a stand-in `electron` module whose
 * windows are Debian Chromium pages (support/electron-stand-in). The page reaches the core only
 * through the preload's `window.clinicDesk`, IPC and the shell's handlers with their sender check.
 *
 * The app runs on the wall clock (the built app has no clock to fix); the test never reads it:
 * the dates it books and exports come from the app's own answers.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronNativeBindingPath } from '../../src/main/shell/paths';
import type { FreeSlots } from '../../src/shared/dto/clinic';
import { ensureBuilt } from './support/build';
import { linkAppFolder, startDesktop, type DesktopRun, type StandInMessage } from './support/desktop-run';

const require = createRequire(import.meta.url);
const ELECTRON_VERSION = (require('electron/package.json') as { version: string }).version;
const BETTER_SQLITE3 = (require('better-sqlite3/package.json') as { version: string }).version;

const ADMIN = { fullName: 'Avery Admin', username: 'avery', password: 'a long enough password' };

let root = '';
let appPath = '';
let userData = '';
let nativeBinding = '';

beforeAll(() => {
  ensureBuilt();
  root = mkdtempSync(join(tmpdir(), 'clinic-desk-smoke-'));
  // app.getAppPath() as in development, and a better-sqlite3 binary where the shell looks for the
  // Electron build (here Node's build, since Electron is not installed), so the test can see the
  // shell's choice being loaded.
  appPath = linkAppFolder(root);
  userData = join(root, 'user-data');
  nativeBinding = electronNativeBindingPath(appPath, {
    electron: ELECTRON_VERSION,
    betterSqlite3: BETTER_SQLITE3,
    platform: process.platform,
    arch: process.arch,
  });
  mkdirSync(dirname(nativeBinding), { recursive: true });
  copyFileSync(
    join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node'),
    nativeBinding,
  );
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

const isType =
  (type: string, extra: (message: StandInMessage) => boolean = () => true) =>
  (message: StandInMessage) =>
    message.type === type && extra(message);

async function started(run: DesktopRun): Promise<void> {
  await run.waitFor(isType('window-loaded'), 'the main window loaded');
  expect(run.messages.filter(isType('preload-error'))).toEqual([]);
}

describe('the built desktop app under a stand-in Electron', () => {
  it(
    'sets up, signs in, books, exports through the worker, and keeps its data across a restart',
    {
      timeout: 180_000,
    },
    async () => {
      const first = startDesktop({ appPath, userData });
      try {
        await started(first);
        // The preload ran sandboxed and exposed exactly one thing; nothing of Node or the stand-in
        // reaches the page.
        expect((await first.waitFor(isType('preload-exposed'), 'the preload ran'))['keys']).toEqual([
          'clinicDesk',
        ]);
        expect(
          await first.evaluate(
            `[typeof window.require, typeof window.process, typeof window.__standInBridge, Object.keys(window.clinicDesk).sort().join()]`,
          ),
        ).toEqual(['undefined', 'undefined', 'undefined', 'invoke,onEvent']);
        expect(first.messages.find(isType('window-created'))?.['webPreferences']).toMatchObject({
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
        });

        // First run: the renderer shows the setup screen, and setup goes through IPC.
        await first.waitForText('Create the administrator account');
        expect(await first.invoke('auth/setupStatus', {})).toMatchObject({ needsSetup: true });
        await first.invoke('auth/setup', ADMIN);
        await first.invoke('auth/logout', {});
        expect(
          await first.invoke('auth/login', { username: ADMIN.username, password: ADMIN.password }),
        ).toMatchObject({
          username: ADMIN.username,
        });

        // A bad call gets a sentence, not a stack trace, and the channel list is enforced.
        expect(
          await first.evaluate(`window.clinicDesk.invoke('shell/exec', {}).then((r) => r.error.code)`),
        ).toBe('unknown_channel');

        // Book: a doctor who works every day, a patient, the first free slot the app offers.
        const department = await first.invoke<{ id: number }>('departments/create', {
          name: 'General Practice',
        });
        const doctor = await first.invoke<{ id: number }>('doctors/create', {
          fullName: 'Dr Rowan Price',
          departmentId: department.id,
          qualifications: 'MD',
          email: null,
          phone: null,
          consultationMinutes: 20,
        });
        await first.invoke('doctors/setAvailability', {
          doctorId: doctor.id,
          rows: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
            weekday,
            start: '00:00',
            end: '23:40',
            slotMinutes: 20,
          })),
        });
        const patient = await first.invoke<{ id: number }>('patients/register', {
          fullName: 'Jordan Ellis',
          dateOfBirth: '1980-04-02',
          sex: 'other',
        });
        const { today } = await first.invoke<{ today: string }>('appointments/options', {});
        const free = await first.invoke<FreeSlots>('appointments/freeSlots', {
          doctorId: doctor.id,
          from: today,
          days: 2,
        });
        const slot = free.doctors[0]?.slots[1];
        expect(slot).toBeDefined();
        const booked = await first.invoke<{ id: number }>('appointments/book', {
          patientId: patient.id,
          doctorId: doctor.id,
          startsAt: slot?.startsAt,
          reason: 'Smoke test',
        });
        expect(booked.id).toBeGreaterThan(0);

        // An export runs in the worker thread, which loads the better-sqlite3 binary the shell
        // chose; its completion is a desktop notification and a fresh tray menu.
        const trayMenusBefore = first.messages.filter(isType('tray-menu')).length;
        const { exportId } = await first.invoke<{ exportId: number }>('exports/startRange', {
          from: today,
          to: free.doctors[0]?.slots.at(-1)?.date ?? today,
        });
        // (The scheduler's catch-up runs at start-up notify too; the export's is the one named so.)
        const notification = await first.waitFor(
          isType('notification', (message) => /export/i.test(String(message['title']))),
          'the export finished',
        );
        expect(String(notification['body'])).not.toContain('Jordan Ellis');
        const exports = await first.invoke<{ id: number; status: string }[]>('exports/list', {});
        expect(exports.find((item) => item.id === exportId)?.status).toMatch(/done|ready|succeeded|finished/);
        expect(first.messages.filter(isType('tray-menu')).length).toBeGreaterThan(trayMenusBefore);
        const modules = await first.nativeModules();
        expect(modules).toContain(nativeBinding);
        expect(modules.filter((path) => path.includes('node_modules/better-sqlite3'))).toEqual([]);

        // The tray: open, the jobs, their last results, quit.
        const tray = first.messages.filter(isType('tray-menu')).at(-1)?.['labels'] as string[];
        expect(tray[0]).toBe('Open Clinic Desk');
        expect(tray).toContain('Run reminders now');
        expect(tray.at(-1)).toBe('Quit');
        expect(first.messages.find(isType('tray-created'))?.['iconExists']).toBe(true);

        expect(await first.quit()).toBe(0);
      } catch (error) {
        throw new Error(
          `${error instanceof Error ? error.message : String(error)}\n--- app output ---\n${first.output()}`,
        );
      } finally {
        await first.quit().catch(() => undefined);
      }

      // Start again on the same data folder: no setup, the sign-in works, the booking is there.
      const second = startDesktop({ appPath, userData });
      try {
        await started(second);
        expect(await second.invoke('auth/setupStatus', {})).toMatchObject({ needsSetup: false });
        await second.invoke('auth/login', { username: ADMIN.username, password: ADMIN.password });
        const patients = await second.invoke<{ items?: { fullName: string }[] } | { fullName: string }[]>(
          'patients/list',
          {},
        );
        expect(JSON.stringify(patients)).toContain('Jordan Ellis');
        expect(second.messages.filter(isType('page-error'))).toEqual([]);
        expect(await second.quit()).toBe(0);
      } catch (error) {
        throw new Error(
          `${error instanceof Error ? error.message : String(error)}\n--- app output ---\n${second.output()}`,
        );
      }
    },
  );
});
