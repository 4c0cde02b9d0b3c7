import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CLINIC_NOW, TODAY } from '../../support/clinic';
import { fixedClock, tempCore, type TempCore } from '../../support/temp-core';

/** Every row of every table except password hashes, whose salts are random by design. */
function dump(path: string): string {
  const db = new Database(path, { readonly: true });
  const tables = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'patients_fts%' ORDER BY name",
    )
    .all();
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    out[name] = db
      .prepare(`SELECT * FROM "${name}" ORDER BY rowid`)
      .all()
      .map((row) => ({ ...(row as object), password_hash: undefined }));
  }
  db.close();
  return JSON.stringify(out);
}

describe('demo clinic', () => {
  const cores: TempCore[] = [];
  afterEach(() => cores.splice(0).forEach((c) => c.cleanup()));

  it('is a believable clinic: 4 departments, 8 doctors, 400 patients, six months of visits, two weeks ahead, today', async () => {
    const t = await tempCore({ clock: fixedClock(CLINIC_NOW) });
    cores.push(t);
    const result = await t.core.seedDemo({ seed: 7 });
    expect(result).toMatchObject({ departments: 4, doctors: 8, patients: 400 });
    const db = new Database(t.core.dbPath, { readonly: true });
    const n = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;
    const now = Date.parse(CLINIC_NOW);
    const day = 86_400_000;
    expect(n('SELECT count(DISTINCT doctor_id) AS n FROM doctor_availability')).toBe(8);
    expect(
      n(
        "SELECT count(*) AS n FROM appointments WHERE status = 'completed' AND starts_at < ?",
        now - 170 * day,
      ),
    ).toBeGreaterThan(0);
    for (const status of ['completed', 'cancelled', 'no_show']) {
      expect(
        n('SELECT count(*) AS n FROM appointments WHERE status = ? AND ends_at <= ?', status, now),
        status,
      ).toBeGreaterThan(50);
    }
    expect(
      n(
        "SELECT count(*) AS n FROM appointments a LEFT JOIN treatments t ON t.appointment_id = a.id WHERE a.status = 'completed' AND t.id IS NULL",
      ),
    ).toBe(0);
    expect(
      n("SELECT count(*) AS n FROM appointments WHERE status = 'booked' AND starts_at > ?", now + 12 * day),
    ).toBeGreaterThan(0);
    expect(
      n(
        "SELECT count(*) AS n FROM appointments WHERE status IN ('booked', 'arrived') AND starts_at <= ? AND ends_at <= ?",
        now,
        now,
      ),
    ).toBe(0);
    expect(
      n(
        "SELECT count(*) AS n FROM appointments a JOIN patients p ON p.id = a.patient_id WHERE p.active = 0 AND a.status = 'booked'",
      ),
    ).toBe(0);
    db.close();
    const today = await t.core.connectAs('reception', 'test').call('appointments/list', { from: TODAY });
    expect(today.ok && today.value.items.some((a) => a.status === 'booked')).toBe(true);
    expect(today.ok && today.value.items.some((a) => a.status === 'completed')).toBe(true);
  });

  it('is deterministic: same seed and clock, same rows; another seed, other rows', async () => {
    const make = async (seed: number) => {
      const t = await tempCore({ clock: fixedClock(CLINIC_NOW) });
      cores.push(t);
      await t.core.seedDemo({ seed });
      return dump(t.core.dbPath);
    };
    const [a, b, c] = [await make(42), await make(42), await make(43)];
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });
});
