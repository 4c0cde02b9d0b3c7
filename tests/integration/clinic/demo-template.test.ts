import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../../src/main/core/auth/password';
import { CLINIC_NOW } from '../../support/clinic';
import {
  databaseDigest,
  fixedClock,
  snapshotDatabase,
  tempCore,
  type TempCore,
} from '../../support/temp-core';

/** The rows of `dbPath` with each staff password hash (randomly salted) taken out. */
function rowsWithoutHashes(dbPath: string): Record<string, Record<string, unknown>[]> {
  const rows = JSON.parse(snapshotDatabase(dbPath)) as Record<string, Record<string, unknown>[]>;
  rows.staff_users = (rows.staff_users ?? []).map((user) => ({ ...user, password_hash: '(salted)' }));
  return rows;
}

describe('the seeded demo clinic that tests copy (tests/support/demo-template.ts)', () => {
  const made: TempCore[] = [];
  afterAll(() => made.forEach((t) => t.cleanup()));

  it.each([true, 'without-visits'] as const)(
    'holds exactly the rows a fresh seed writes (demo: %s), and its demo passwords sign in',
    async (demo) => {
      const copied = await tempCore({ demo, clock: fixedClock(CLINIC_NOW) });
      const seeded = await tempCore({ demo, clock: fixedClock(CLINIC_NOW), seedDemo: 'fresh' });
      made.push(copied, seeded);
      const rows = rowsWithoutHashes(copied.core.dbPath);
      expect(rows).toEqual(rowsWithoutHashes(seeded.core.dbPath));
      expect(rows.patients).toHaveLength(400);
      expect((rows.appointments ?? []).length > 0).toBe(demo === true);

      const db = new Database(copied.core.dbPath, { readonly: true });
      const users = db
        .prepare<[], { username: string; password_hash: string }>(
          'SELECT username, password_hash FROM staff_users',
        )
        .all();
      db.close();
      expect(users.length).toBeGreaterThan(2);
      for (const user of users)
        expect(await verifyPassword(`demo-${user.username}`, user.password_hash)).toBe(true);
      const session = copied.core.connectAs('reception', 'test');
      expect((await session.call('patients/list', {})).ok).toBe(true);
    },
  );

  it('copies the template seeded at the core clock instant, not another day', async () => {
    const march = await tempCore({ demo: true, clock: fixedClock(CLINIC_NOW) });
    const june = await tempCore({ demo: true, clock: fixedClock('2026-06-17T09:00:00Z') });
    made.push(march, june);
    expect(rowsWithoutHashes(june.core.dbPath)).not.toEqual(rowsWithoutHashes(march.core.dbPath));
  });

  it('gives each test its own file: a write in one copy is not in the next', async () => {
    const first = await tempCore({ demo: true });
    made.push(first);
    const db = new Database(first.core.dbPath);
    db.prepare("UPDATE patients SET notes = 'only in the first copy' WHERE id = 1").run();
    db.close();
    const second = await tempCore({ demo: true });
    made.push(second);
    expect(snapshotDatabase(second.core.dbPath)).not.toContain('only in the first copy');
  });
});

describe('databaseDigest (what expectRefused compares)', () => {
  it('changes for the one table a write touched, and only for it', async () => {
    const t = await tempCore({ demo: true });
    try {
      const before = databaseDigest(t.core.dbPath);
      expect(databaseDigest(t.core.dbPath)).toEqual(before);
      const db = new Database(t.core.dbPath);
      db.prepare("UPDATE appointments SET reason = coalesce(reason, '') || '.' WHERE id = 7").run();
      db.close();
      const after = databaseDigest(t.core.dbPath);
      const changed = Object.keys(before).filter((table) => before[table] !== after[table]);
      expect(changed).toEqual(['appointments']);
      expect(Object.keys(after)).toEqual(Object.keys(before));
    } finally {
      t.cleanup();
    }
  });
});
