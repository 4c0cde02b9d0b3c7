import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Clock } from '../../src/main/core/host';
import { createCore, type Core, type CoreOptions } from '../../src/main/core';
import type { ScryptCost } from '../../src/main/core/auth/password';
import { silentLogger } from '../../src/main/core/logger';
import { copyDemoClinic, isFreshFolder } from './demo-template';

/**
 * Tests hash many passwords; OWASP's cost (≈0.3 s each) is checked in password.test.ts and the
 * stored hash carries its own parameters, so elsewhere a cheaper cost keeps the suite quick.
 */
export const TEST_SCRYPT: ScryptCost = { N: 2 ** 12, r: 8, p: 1 };

export function tempDir(prefix = 'clinic-desk-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function fixedClock(iso: string): Clock & { set(iso: string): void; advance(ms: number): void } {
  let now = new Date(iso).getTime();
  return {
    now: () => new Date(now),
    set: (next) => {
      now = new Date(next).getTime();
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

export interface TempCore {
  core: Core;
  dataDir: string;
  cleanup(): void;
}

/** The clinic's clock for tests that do not set one: fixed, so no test depends on today's date. */
export const DEFAULT_TEST_NOW = '2026-03-10T12:00:00Z';

/**
 * A core over a fresh SQLite file in a temporary folder. A demo clinic in a fresh folder with the
 * test password cost is a copy of this run's seeded template (tests/support/demo-template.ts)
 * instead of being seeded again; `seedDemo: 'fresh'` seeds it for real.
 */
export async function tempCore(
  options: Partial<CoreOptions> & { seedDemo?: 'template' | 'fresh' } = {},
): Promise<TempCore> {
  const { seedDemo = 'template', ...coreOptions } = options;
  const resolved = {
    logger: silentLogger,
    passwordCost: TEST_SCRYPT,
    clock: fixedClock(DEFAULT_TEST_NOW),
    ...coreOptions,
  };
  const fresh = isFreshFolder(options.dataDir);
  const dataDir = options.dataDir ?? tempDir();
  if (
    resolved.demo &&
    seedDemo === 'template' &&
    fresh &&
    resolved.migrationsFolder === undefined &&
    resolved.nativeBinding === undefined
  ) {
    await copyDemoClinic(dataDir, {
      now: resolved.clock.now(),
      demo: resolved.demo,
      passwordCost: resolved.passwordCost,
    });
  }
  const core = await createCore({ ...resolved, dataDir });
  return {
    core,
    dataDir,
    cleanup: () => {
      try {
        core.close();
      } catch {
        // already closed by the test
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The tables of a clinic database in name order, each with the query reading all its rows in order. */
function tablesOf(db: Database.Database): { name: string; allRows: string }[] {
  return db
    .prepare<[], { name: string; sql: string | null }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all()
    .map(({ name, sql }) => ({
      name,
      // WITHOUT ROWID tables (FTS5's config table) have no rowid; they scan in primary-key order.
      allRows: `SELECT * FROM "${name}"${/WITHOUT\s+ROWID/i.test(sql ?? '') ? '' : ' ORDER BY rowid'}`,
    }));
}

/** Every row of every table, to prove that a refused call changed nothing. */
export function snapshotDatabase(dbPath: string): string {
  const db = new Database(dbPath, { readonly: true });
  try {
    const dump: Record<string, unknown[]> = {};
    for (const { name, allRows } of tablesOf(db)) {
      dump[name] = db.prepare(allRows).all();
    }
    return JSON.stringify(dump);
  } finally {
    db.close();
  }
}

/**
 * The same rows as `snapshotDatabase`, as one SHA-256 per table: twice as quick on the demo clinic
 * (no row objects, no 7 MB string), and a failed comparison names the tables that changed.
 */
export function databaseDigest(dbPath: string): Record<string, string> {
  const db = new Database(dbPath, { readonly: true });
  try {
    const digest: Record<string, string> = {};
    for (const { name, allRows } of tablesOf(db)) {
      const hash = createHash('sha256');
      const rows = db.prepare(allRows).raw().iterate();
      for (const row of rows) hash.update(JSON.stringify(row)).update('\n');
      digest[name] = hash.digest('base64');
    }
    return digest;
  } finally {
    db.close();
  }
}
