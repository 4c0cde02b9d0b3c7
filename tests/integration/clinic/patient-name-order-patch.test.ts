import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite, type Sqlite } from '../../../src/main/core/db/open';
import { compareText, nameOrder } from '../../../src/main/core/patients/name-order';
import { patientRecords } from '../../../src/main/core/patients/records';
import { seededRandom } from '../../../src/main/core/seed/random';
import { fixedClock, tempCore, type TempCore } from '../../support/temp-core';

/** Names that sort differently by UTF-16 units and by SQLite's bytes, besides plain ones. */
const WORDS = ['Ada', 'ada', 'Zoë', 'Ōta', 'Li', '李', 'ﬀion', '𝒜lma', 'O’Neil', 'Mary-Jane', 'Ng', 'A'];

/**
 * Patching the names in memory after a write (one patient registered, changed, deactivated,
 * reactivated or deleted) gives exactly what reading every patient again gives.
 */
describe('patient search: the names in memory are patched in place after a write', () => {
  let t: TempCore;
  let sqlite: Sqlite;
  beforeAll(async () => {
    t = await tempCore({ clock: fixedClock('2026-03-16T10:00:00Z') });
    await t.core.seedLarge({ patients: 600, doctors: 2, years: 1, seed: 5 });
    sqlite = openSqlite(t.core.dbPath);
  }, 300_000);
  afterAll(() => {
    sqlite.close();
    t.cleanup();
  });

  it('orders text as SQLite does (code points), not as JavaScript compares UTF-16 units', () => {
    const texts = [...WORDS.map((w) => w.toLowerCase()), '\uffff', '😀', 'a\u0000', ''];
    const bySqlite = sqlite
      .prepare<[], string>(
        `SELECT value FROM json_each(?) ORDER BY value`.replace('?', `'${JSON.stringify(texts)}'`),
      )
      .pluck()
      .all();
    expect([...texts].sort(compareText)).toEqual(bySqlite);
  });

  it('matches a full rebuild after each of 200 random changes, without rebuilding', () => {
    const order = nameOrder(sqlite);
    const records = patientRecords(sqlite);
    const random = seededRandom(12);
    order.current();
    const ids = () => sqlite.prepare<[], number>('SELECT id FROM patients').pluck().all();
    const added: number[] = [];
    const name = () =>
      Array.from({ length: random.int(1, 3) }, () => random.pick(WORDS)).join(random.pick([' ', ' ', '-']));
    const fields = (fullName: string) => ({
      fullName,
      dateOfBirth: '1980-01-01',
      sex: 'female' as const,
      phone: '',
      email: '',
      address: '',
      emergencyContact: '',
      notes: '',
      emailReminders: false,
    });
    for (let n = 0; n < 200; n++) {
      const from = order.version();
      const kind = random.pick(['add', 'rename', 'active', 'delete'] as const);
      const changed = sqlite.transaction((): number => {
        if (kind === 'add' || (kind === 'delete' && added.length === 0)) {
          const id = records.insert(fields(name()), 0);
          added.push(id);
          return id;
        }
        if (kind === 'delete') {
          const id = added.splice(random.int(0, added.length - 1), 1)[0]!;
          sqlite.prepare('DELETE FROM patients WHERE id = ?').run(id);
          return id;
        }
        const id = random.pick(ids());
        if (kind === 'rename') records.update(id, fields(name()), 0);
        else records.setActive(id, random.int(0, 1) === 1, null, 0);
        return id;
      })();
      order.patch([changed], from, order.version());
      expect(order.current(), `change ${n}: ${kind} ${changed}`).toEqual(nameOrder(sqlite).current());
    }
    expect(order.builds()).toBe(1);
  });

  it('leaves the patch alone and rebuilds when another connection wrote in between', () => {
    const order = nameOrder(sqlite);
    const first = order.current();
    const other = openSqlite(t.core.dbPath);
    other.prepare('UPDATE patients SET active = 1 - active WHERE id = ?').run(first.ids[0]);
    other.close();
    const from = order.version() - 1; // the order in memory is one change behind
    const id = first.ids[1]!;
    sqlite.prepare('UPDATE patients SET active = 1 - active WHERE id = ?').run(id);
    order.patch([id], from + 1, order.version());
    expect(order.current()).toEqual(nameOrder(sqlite).current());
    expect(order.builds()).toBe(2);
  });
});
