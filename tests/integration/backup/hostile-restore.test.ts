import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPendingRestore, requestRestore } from '../../../src/main/core/backups/pending';
import { restoreDatabase } from '../../../src/main/core/backups/restore';
import { defaultMigrationsFolder } from '../../../src/main/core/db/locate';
import { silentLogger } from '../../../src/main/core/logger';
import { craftHostile, HOSTILE_KINDS } from '../../support/hostile-backups';
import { auditRows } from '../../support/db-read';
import { snapshotDatabase, tempCore, tempDir } from '../../support/temp-core';
import { cli } from '../../support/cli-process';

const migrationsFolder = defaultMigrationsFolder();

const bytesOf = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('a hostile backup file is refused before anything is swapped (issue 9, item 2)', () => {
  let dataDir: string;
  let live: string;
  let good: string;
  let crafted: Map<string, string>;
  let server: Server;
  let requests = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      requests += 1;
      res.end('stolen');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/steal`;
    const t = await tempCore({ demo: true });
    dataDir = t.dataDir;
    live = join(dataDir, 'clinic.db');
    good = (await t.core.backups.runDaily()).file;
    t.core.close();
    const folder = tempDir('clinic-desk-hostile-');
    crafted = new Map(HOSTILE_KINDS.map((kind) => [kind, craftHostile(good, folder, kind, { url })]));
  }, 120_000);
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each(HOSTILE_KINDS)(
    'restoreDatabase refuses "%s" with a sentence; the live file is byte for byte the same',
    (kind) => {
      const before = bytesOf(live);
      expect(() =>
        restoreDatabase({ dataDir, source: crafted.get(kind) ?? '', migrationsFolder, stamp: 'x' }),
      ).toThrow(/^Nothing was restored: .*(refused|newer|migration)/);
      expect(bytesOf(live)).toBe(before);
      expect(existsSync(`${live}-wal`)).toBe(false);
      expect(readdirSync(dataDir).filter((n) => n.startsWith('clinic.db.'))).toEqual([]);
    },
  );

  it('names what it found: the trigger, the view, the migration record', () => {
    const message = (kind: string) => {
      try {
        restoreDatabase({ dataDir, source: crafted.get(kind) ?? '', migrationsFolder, stamp: 'x' });
        return 'restored';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(message('audit-wipe')).toContain('trigger "audit_log_no_delete" differs');
    expect(message('email-copy')).toContain('trigger "outbox_copy" that Clinic Desk does not create');
    expect(message('diagnosis-to-notes')).toContain('trigger "treatments_leak"');
    expect(message('extra-view')).toContain('view "staff_passwords"');
    expect(message('attach-passwd')).toContain('outside the exports folder');
    expect(message('attach-url')).toContain('web address');
    expect(message('newer-migration')).toContain('newer version');
    expect(message('no-migration-table')).toContain('no record of its database migrations');
  });

  it.each(HOSTILE_KINDS)(
    '`cli restore` (a real process) refuses "%s" and changes nothing',
    async (kind) => {
      const before = bytesOf(live);
      const result = await cli('restore', crafted.get(kind) ?? '', '--data-dir', dataDir);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^clinic-desk: Nothing was restored: /);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(bytesOf(live)).toBe(before);
    },
    60_000,
  );

  it('a restore requested in the app refuses each at once, and a pending one is refused at start', async () => {
    const t = await tempCore({ dataDir });
    const admin = t.core.connectAs('admin', 'test');
    for (const [i, kind] of HOSTILE_KINDS.entries()) {
      const name = `clinic-daily-2020-01-0${i + 1}.db`;
      copyFileSync(crafted.get(kind) ?? '', join(dataDir, 'backups', name));
      const answer = await admin.callUnknown('backups/restore', { name });
      expect(answer).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(existsSync(join(dataDir, 'restore-pending.json'))).toBe(false);
    }
    t.core.close();
    for (const kind of HOSTILE_KINDS) {
      const before = bytesOf(live);
      requestRestore(dataDir, crafted.get(kind) ?? '', 0);
      const outcome = applyPendingRestore({ dataDir, migrationsFolder, stamp: 'x', logger: silentLogger });
      expect(outcome).toMatchObject({
        state: 'failed',
        message: expect.stringMatching(/^Nothing was restored/),
      });
      expect(bytesOf(live)).toBe(before);
    }
    expect(requests).toBe(0);
  }, 60_000);

  it('a clean backup still restores from the command line, and the restore is audited', async () => {
    const result = await cli('restore', good, '--data-dir', dataDir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const last = auditRows(live).at(-1);
    expect(last).toMatchObject({ action: 'restore', entity: 'database' });
    expect(last?.username).toMatch(/^cli \(/);
    expect(last?.summary).toContain('with the command line');
  }, 60_000);
});

describe('outbox attachments are read only from inside exports/ (issue 9, item 2)', () => {
  it('sends nothing of /etc/passwd, a URL, a symlink out or a climb; an export file still goes', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests += 1;
      res.end('root:x:0:0');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const t = await tempCore({ demo: true, env: {} });
    try {
      const exportsDir = join(t.dataDir, 'exports');
      mkdirSync(exportsDir, { recursive: true });
      writeFileSync(join(exportsDir, 'fine.csv'), 'number,name\n1,Ok\n');
      symlinkSync('/etc/passwd', join(exportsDir, 'link.csv'));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/steal`;
      const attach = (path: string) =>
        JSON.stringify([{ filename: 'x.csv', contentType: 'text/csv', path }]).replace(/'/g, "''");
      const db = new Database(t.core.dbPath);
      const rows = [
        '/etc/passwd',
        url,
        join(exportsDir, 'link.csv'),
        `${exportsDir}/../clinic.db`,
        join(exportsDir, 'fine.csv'),
      ];
      for (const [i, path] of rows.entries()) {
        db.exec(`INSERT INTO email_outbox (dedupe_key, kind, to_address, subject, html, text, attachments, status, attempts, next_attempt_at, created_at)
          VALUES ('k${i}', 'export', 'p@example.com', 's${i}', '<p>x</p>', 'x', '${attach(path)}', 'queued', 0, 0, 0)`);
      }
      db.close();
      const sent = await t.core.jobs.sendOutbox();
      expect(sent).toMatchObject({ sent: 1, failed: 4 });
      expect(requests).toBe(0);
      const outbox = join(t.dataDir, 'outbox');
      const mails = readdirSync(outbox).map((n) => readFileSync(join(outbox, n), 'utf8'));
      expect(mails).toHaveLength(1);
      expect(mails.join()).not.toContain('root:');
      expect(snapshotDatabase(t.core.dbPath)).toMatch(/outside the exports folder/);
      expect(snapshotDatabase(t.core.dbPath)).toMatch(/web address/);
    } finally {
      t.cleanup();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }, 60_000);
});
