import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connection } from '../../../src/main/core/api';
import { verifyDatabaseFile } from '../../../src/main/core/backups/verify';
import { defaultMigrationsFolder } from '../../../src/main/core/db/locate';
import type { DataFolderHost, Transport } from '../../../src/main/core/host';
import { attachmentProblem } from '../../../src/main/core/outbox/attachments';
import { moveProblem } from '../../../src/main/core/thisPc/rules';
import { craftHostile } from '../../support/hostile-backups';
import { expectRefused, registerPatient, value } from '../../support/clinic';
import { snapshotDatabase, tempCore, tempDir, type TempCore } from '../../support/temp-core';

const ADMIN = { fullName: 'Ana Admin', username: 'ana', password: 'a long enough password' };

/** The desktop shell's part, as a test drives it: the folder "picked" and what was stored. */
interface FakeShell {
  picked: string | null;
  picks: string[];
  stored: string[];
  storeFails: boolean;
  host: DataFolderHost;
}

function fakeShell(source: ReturnType<DataFolderHost['source']> = 'default'): FakeShell {
  const shell: FakeShell = {
    picked: null as string | null,
    picks: [] as string[],
    stored: [] as string[],
    storeFails: false,
    host: {
      source: () => source,
      pickFolder: (purpose: 'move' | 'open') => {
        shell.picks.push(purpose);
        return Promise.resolve(shell.picked);
      },
      storeChoice: (folder: string) => {
        if (shell.storeFails) throw new Error('EACCES: pc-settings.json');
        shell.stored.push(folder);
      },
    },
  };
  return shell;
}

/** Every file under `folder`, relative, sorted: to prove a refused move left a folder as it was. */
function listing(folder: string): string[] {
  if (!existsSync(folder)) return [];
  if (!statSync(folder).isDirectory()) return [`a file: ${readFileSync(folder, 'utf8')}`];
  return (readdirSync(folder, { recursive: true }) as string[]).sort();
}

const countPatients = (file: string): number => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM patients').get()?.n ?? 0;
  } finally {
    db.close();
  }
};

const auditSummaries = (file: string): string[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare<[], { summary: string }>(
        "SELECT summary FROM audit_log WHERE entity = 'data_folder' ORDER BY id",
      )
      .all()
      .map((row) => row.summary);
  } finally {
    db.close();
  }
};

describe('Settings › This PC › Data folder', () => {
  let t: TempCore;
  let shell: ReturnType<typeof fakeShell>;
  let requestRestart: ReturnType<typeof vi.fn<(reason: 'restore' | 'data-folder') => void>>;
  let elsewhere: string;
  const cleanups: Array<() => void> = [];

  async function start(options: { source?: ReturnType<DataFolderHost['source']>; withShell?: boolean } = {}) {
    shell = fakeShell(options.source);
    requestRestart = vi.fn<(reason: 'restore' | 'data-folder') => void>();
    t = await tempCore({
      host: { requestRestart },
      ...(options.withShell === false ? {} : { dataFolder: shell.host }),
    });
    const setup = t.core.connect('ipc');
    await value(setup, 'auth/setup', ADMIN);
    await registerPatient(setup);
    // What the data folder holds besides clinic.db, which a move carries along.
    mkdirSync(join(t.dataDir, 'exports'), { recursive: true });
    writeFileSync(join(t.dataDir, 'exports', 'appointments-1.csv'), 'when,who\n');
    mkdirSync(join(t.dataDir, 'network'), { recursive: true });
    writeFileSync(join(t.dataDir, 'network', 'host-cert.pem'), 'certificate');
    // An e-mail still waiting with that export attached (the relay attaches only from exports/).
    const db = new Database(t.core.dbPath);
    db.prepare(
      `INSERT INTO email_outbox (dedupe_key, kind, to_address, subject, html, text, attachments)
       VALUES ('export:1', 'export', 'ana@example.com', 'Export', '<p>x</p>', 'x', ?)`,
    ).run(JSON.stringify([{ filename: 'a.csv', contentType: 'text/csv', path: exportFile(t.dataDir) }]));
    db.close();
  }
  const exportFile = (folder: string) => join(folder, 'exports', 'appointments-1.csv');
  const waitingAttachment = (file: string): unknown => {
    const db = new Database(file, { readonly: true });
    try {
      const row = db.prepare<[], { attachments: string }>('SELECT attachments FROM email_outbox').get();
      return (JSON.parse(row?.attachments ?? '[]') as { path: string }[])[0]?.path;
    } finally {
      db.close();
    }
  };

  /** An administrator signed in from `transport` (a desktop window is 'ipc'). */
  async function admin(transport: Transport = 'ipc'): Promise<Connection> {
    const connection = t.core.connect(transport);
    await value(connection, 'auth/login', { username: ADMIN.username, password: ADMIN.password });
    return connection;
  }

  /** A refused change: its sentence, and the database, both folders and the stored choice unchanged. */
  async function refusedChange(
    channel: 'thisPc/moveDataFolder' | 'thisPc/openDataFolder',
    target: string,
    message: RegExp,
  ): Promise<string> {
    const window = await admin();
    shell.picked = target;
    const here = listing(t.dataDir);
    const there = listing(target);
    const sentence = await expectRefused(t.core.dbPath, window, channel, {}, 'conflict', message);
    expect(listing(t.dataDir)).toEqual(here);
    expect(listing(target)).toEqual(there);
    expect(shell.stored).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(requestRestart).not.toHaveBeenCalled();
    return sentence;
  }

  beforeEach(() => {
    elsewhere = tempDir('clinic-desk-elsewhere-');
    cleanups.push(() => rmSync(elsewhere, { recursive: true, force: true }));
  });
  afterEach(() => {
    t.cleanup();
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  describe('what the panel shows', () => {
    it('the folder in use, where the choice comes from, and the size of the database', async () => {
      await start({ source: 'chosen' });
      const status = await value(await admin(), 'thisPc/dataFolder', {});
      expect(status).toMatchObject({ folder: t.dataDir, source: 'chosen', locked: null });
      expect(status.databaseBytes).toBeGreaterThan(0);
    });

    it('explains that CLINIC_DESK_DATA_DIR wins, and refuses both changes without opening the picker', async () => {
      await start({ source: 'environment' });
      const window = await admin();
      const status = await value(window, 'thisPc/dataFolder', {});
      expect(status.source).toBe('environment');
      expect(status.locked).toBe(
        `CLINIC_DESK_DATA_DIR is set on this PC and always wins: Clinic Desk uses ${t.dataDir}. Remove the variable to choose the folder here.`,
      );
      for (const channel of ['thisPc/moveDataFolder', 'thisPc/openDataFolder'] as const) {
        await expectRefused(t.core.dbPath, window, channel, {}, 'conflict', /CLINIC_DESK_DATA_DIR/);
      }
      expect(shell.picks).toEqual([]);
    });

    it('in the browser preview (no desktop shell): says where to change it, and changes nothing', async () => {
      await start({ withShell: false });
      const preview = await admin('http');
      expect(await value(preview, 'thisPc/dataFolder', {})).toMatchObject({
        folder: t.dataDir,
        source: null,
        locked: expect.stringMatching(/^The data folder can only be changed in the desktop app on this PC/),
      });
      await expectRefused(t.core.dbPath, preview, 'thisPc/moveDataFolder', {}, 'conflict', /desktop app/);
    });

    it("on a client PC (a call from another PC): the host's folder is not shown, and cannot be changed", async () => {
      await start();
      const client = await admin('network');
      expect(await value(client, 'thisPc/dataFolder', {})).toEqual({
        folder: null,
        source: null,
        locked: expect.stringMatching(/host PC, which keeps the data/),
        databaseBytes: null,
      });
      shell.picked = elsewhere;
      await expectRefused(t.core.dbPath, client, 'thisPc/openDataFolder', {}, 'conflict', /host/);
      await expectRefused(t.core.dbPath, client, 'thisPc/moveDataFolder', {}, 'conflict', /host/);
      expect(shell.picks).toEqual([]);
      expect(listing(elsewhere)).toEqual([]);
    });
  });

  describe('Move the data to another folder…', () => {
    it('copies the database (verified) and its folders, stores the choice, restarts, and leaves the old folder', async () => {
      await start();
      const before = listing(t.dataDir);
      shell.picked = elsewhere;
      const change = await value(await admin(), 'thisPc/moveDataFolder', {});
      expect(change).toEqual({ outcome: 'restarting', folder: elsewhere, previousFolder: t.dataDir });
      expect(shell.picks).toEqual(['move']);

      const moved = join(elsewhere, 'clinic.db');
      expect(verifyDatabaseFile(moved, defaultMigrationsFolder())).toMatchObject({ ok: true });
      expect(countPatients(moved)).toBe(1);
      expect(readFileSync(join(elsewhere, 'exports', 'appointments-1.csv'), 'utf8')).toBe('when,who\n');
      expect(readFileSync(join(elsewhere, 'network', 'host-cert.pem'), 'utf8')).toBe('certificate');
      expect(listing(elsewhere).filter((f) => f.includes('partial'))).toEqual([]);
      expect(auditSummaries(moved)).toEqual([`Data copied here from ${t.dataDir} on this PC`]);
      // The waiting e-mail now attaches the copy, which the relay's check accepts in the new folder.
      expect(waitingAttachment(moved)).toBe(exportFile(elsewhere));
      expect(
        attachmentProblem(
          { filename: 'a.csv', contentType: 'text/csv', path: exportFile(elsewhere) },
          join(elsewhere, 'exports'),
        ),
      ).toBeNull();
      expect(waitingAttachment(t.core.dbPath)).toBe(exportFile(t.dataDir));

      expect(shell.stored).toEqual([elsewhere]);
      await new Promise((resolve) => setImmediate(resolve));
      expect(requestRestart).toHaveBeenCalledWith('data-folder');
      // The old folder is left in place, its database whole; its audit trail says where the data went.
      expect(listing(t.dataDir)).toEqual(expect.arrayContaining(before));
      expect(countPatients(t.core.dbPath)).toBe(1);
      expect(auditSummaries(t.core.dbPath)).toEqual([
        `Data copied to ${elsewhere}, which this PC uses from now on; this folder is left in place`,
      ]);
    });

    it('does nothing when the picker is cancelled', async () => {
      await start();
      shell.picked = null;
      const window = await admin();
      const before = snapshotDatabase(t.core.dbPath);
      expect(await value(window, 'thisPc/moveDataFolder', {})).toEqual({ outcome: 'cancelled' });
      expect(snapshotDatabase(t.core.dbPath)).toBe(before);
      expect(shell.stored).toEqual([]);
      expect(requestRestart).not.toHaveBeenCalled();
    });

    const refusedMove = (target: string, message: RegExp) =>
      refusedChange('thisPc/moveDataFolder', target, message);

    it('refuses a folder that does not exist, or a file in place of a folder', async () => {
      await start();
      expect(await refusedMove(join(elsewhere, 'gone'), /does not exist/)).toBe(
        `The folder ${join(elsewhere, 'gone')} does not exist.`,
      );
      const file = join(elsewhere, 'not-a-folder');
      writeFileSync(file, 'x');
      expect(await refusedMove(file, /is a file, not a folder/)).toBe(
        `${file} is a file, not a folder. Choose a folder.`,
      );
    });

    it('refuses the folder in use and any folder inside it', async () => {
      await start();
      await refusedMove(t.dataDir, /already uses/);
      expect(await refusedMove(join(t.dataDir, 'exports'), /inside the folder in use/)).toMatch(
        /Choose a folder outside it\.$/,
      );
    });

    it('refuses a folder that already holds a clinic database, or one of the folders it would merge into', async () => {
      await start();
      writeFileSync(join(elsewhere, 'clinic.db'), 'someone else');
      await refusedMove(elsewhere, /already holds a clinic database.*Open another existing folder/);
      rmSync(join(elsewhere, 'clinic.db'));
      mkdirSync(join(elsewhere, 'exports'));
      await refusedMove(elsewhere, /already has a exports folder/);
    });

    it('accepts a folder with other files in it, leaving them alone', async () => {
      await start();
      writeFileSync(join(elsewhere, 'notes.txt'), 'mine');
      shell.picked = elsewhere;
      await value(await admin(), 'thisPc/moveDataFolder', {});
      expect(readFileSync(join(elsewhere, 'notes.txt'), 'utf8')).toBe('mine');
      expect(existsSync(join(elsewhere, 'clinic.db'))).toBe(true);
    });

    it.skipIf(process.getuid?.() === 0)('refuses a folder it may not write in', async () => {
      await start();
      chmodSync(elsewhere, 0o500);
      cleanups.unshift(() => chmodSync(elsewhere, 0o700));
      await refusedMove(elsewhere, /cannot write in/);
    });

    it('refuses a disk without room for twice the database and the folders that go with it', async () => {
      await start();
      const tight = { freeBytes: () => 4096 };
      const roomy = { freeBytes: () => Number.MAX_SAFE_INTEGER };
      expect(moveProblem(elsewhere, t.dataDir, roomy)).toBeNull();
      expect(moveProblem(elsewhere, t.dataDir, tight)).toMatch(
        new RegExp(`^${elsewhere} has 4 KB free; moving the data needs at least [\\d.]+ (KB|MB)\\.`),
      );
      expect(listing(elsewhere)).toEqual([]);
    });

    it('discards the copy when something is saved while it is being made', async () => {
      await start();
      const window = await admin();
      let pick: (folder: string) => void = () => undefined;
      shell.host.pickFolder = () => new Promise<string | null>((resolve) => (pick = resolve));
      const here = listing(t.dataDir);
      const moving = window.call('thisPc/moveDataFolder', {});
      await new Promise((resolve) => setImmediate(resolve));
      pick(elsewhere);
      // The copy has begun (its starting mark is taken as soon as the folder is picked)...
      await new Promise((resolve) => setImmediate(resolve));
      // ...and the front desk registers a patient meanwhile.
      await registerPatient(window, { fullName: 'During Themove', phone: '+44 7700 000002' });
      const result = await moving;
      expect(result).toMatchObject({
        ok: false,
        error: {
          code: 'conflict',
          message: expect.stringMatching(/^Nothing was moved: something was saved/),
        },
      });
      expect(listing(elsewhere)).toEqual([]);
      expect(listing(t.dataDir)).toEqual(here);
      expect(shell.stored).toEqual([]);
      expect(countPatients(t.core.dbPath)).toBe(2);
    });

    it('removes the copy again when the choice cannot be stored', async () => {
      await start();
      shell.storeFails = true;
      const sentence = await refusedMove(elsewhere, /could not save the choice/);
      expect(sentence).toBe(
        'Nothing was changed: Clinic Desk could not save the choice in its settings file on this PC.',
      );
      expect(listing(elsewhere)).toEqual([]);
    });
  });

  describe('Open another existing folder…', () => {
    /** Another clinic's data folder, made by the core itself, with `patients` registered. */
    async function otherClinic(folder: string, patients: number): Promise<void> {
      const other = await tempCore({ dataDir: folder });
      const desk = other.core.connect('test');
      await value(desk, 'auth/setup', { ...ADMIN, username: 'other' });
      for (let i = 0; i < patients; i += 1)
        await registerPatient(desk, { phone: `+44 7700 90000${i}`, fullName: `Other Patient${i}` });
      other.core.close();
    }

    it('checks the database there, stores the choice and restarts; nothing is copied', async () => {
      await start();
      await otherClinic(elsewhere, 2);
      const there = listing(elsewhere);
      shell.picked = elsewhere;
      const change = await value(await admin(), 'thisPc/openDataFolder', {});
      expect(change).toEqual({ outcome: 'restarting', folder: elsewhere, previousFolder: t.dataDir });
      expect(shell.picks).toEqual(['open']);
      expect(shell.stored).toEqual([elsewhere]);
      await new Promise((resolve) => setImmediate(resolve));
      expect(requestRestart).toHaveBeenCalledWith('data-folder');
      expect(listing(elsewhere)).toEqual(there);
      expect(countPatients(join(elsewhere, 'clinic.db'))).toBe(2);
      expect(auditSummaries(t.core.dbPath)).toEqual([
        `This PC switched to the clinic database in ${elsewhere}; this folder is left in place`,
      ]);
    });

    const refusedOpen = (target: string, message: RegExp) =>
      refusedChange('thisPc/openDataFolder', target, message);

    it('refuses a folder without a clinic database', async () => {
      await start();
      expect(await refusedOpen(elsewhere, /holds no Clinic Desk database/)).toMatch(
        /choose "Move the data to another folder…"\.$/,
      );
    });

    it('refuses a file that is not a database, and a database that is not Clinic Desk', async () => {
      await start();
      writeFileSync(join(elsewhere, 'clinic.db'), 'these are my notes, not a database');
      await refusedOpen(elsewhere, /is not a readable SQLite database/);
      rmSync(join(elsewhere, 'clinic.db'));
      const foreign = new Database(join(elsewhere, 'clinic.db'));
      foreign.exec('CREATE TABLE recipes (name TEXT)');
      foreign.close();
      await refusedOpen(elsewhere, /is not a Clinic Desk database/);
    });

    it('refuses a Clinic Desk database changed the way a hostile backup is (same checks as restore)', async () => {
      await start();
      await otherClinic(elsewhere, 1);
      const live = join(elsewhere, 'clinic.db');
      const crafted = tempDir('clinic-desk-crafted-');
      cleanups.push(() => rmSync(crafted, { recursive: true, force: true }));
      const clean = join(crafted, 'clean.db');
      copyFileSync(live, clean);
      for (const kind of ['audit-wipe', 'attach-passwd'] as const) {
        copyFileSync(craftHostile(clean, crafted, kind), live);
        await refusedOpen(elsewhere, /is refused: (its trigger|its outbox message)/);
      }
    });

    it('refuses the folder in use and folders inside it', async () => {
      await start();
      await refusedOpen(t.dataDir, /already uses/);
      await refusedOpen(join(t.dataDir, 'network'), /inside the folder in use/);
    });
  });
});
