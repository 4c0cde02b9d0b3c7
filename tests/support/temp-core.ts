import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Clock } from '../../src/main/core/host';
import { createCore, type Core, type CoreOptions } from '../../src/main/core';
import type { ScryptCost } from '../../src/main/core/auth/password';
import { silentLogger } from '../../src/main/core/logger';

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

export async function tempCore(options: Partial<CoreOptions> = {}): Promise<TempCore> {
  const dataDir = options.dataDir ?? tempDir();
  const core = await createCore({
    logger: silentLogger,
    passwordCost: TEST_SCRYPT,
    clock: fixedClock(DEFAULT_TEST_NOW),
    ...options,
    dataDir,
  });
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

/** Every row of every table, to prove that a refused call changed nothing. */
export function snapshotDatabase(dbPath: string): string {
  const db = new Database(dbPath, { readonly: true });
  try {
    const tables = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all();
    const dump: Record<string, unknown[]> = {};
    for (const { name } of tables) {
      // WITHOUT ROWID tables (FTS5's config table) have no rowid; they scan in primary-key order.
      const withoutRowid = /WITHOUT\s+ROWID/i.test(
        db.prepare<[string], { sql: string | null }>('SELECT sql FROM sqlite_master WHERE name = ?').get(name)
          ?.sql ?? '',
      );
      dump[name] = db.prepare(`SELECT * FROM "${name}"${withoutRowid ? '' : ' ORDER BY rowid'}`).all();
    }
    return JSON.stringify(dump);
  } finally {
    db.close();
  }
}
