import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../../src/main/core/api';
import { COUNT_CAP } from '../../../src/main/core/patients/search';
import { value } from '../../support/clinic';
import { JobFixtures } from '../../support/job-fixtures';
import { tempCore, type TempCore } from '../../support/temp-core';

const SURNAMES = ['Qxalder', 'Qxbrin', 'Qxcor', 'Qxdun'];
const FIRST = ['Ada', 'Bram', 'Cleo', 'Dov', 'Esme', 'Finn', 'Gus', 'Hana', 'Ivo', 'Jude', 'Kit', 'Lev'];

/** Many patients whose surname starts "qx", spread over first names so name order interleaves. */
describe('patient search with more matches than are counted', () => {
  let t: TempCore;
  let desk: Connection;
  const names: { id: number; name: string; active: boolean }[] = [];
  beforeAll(async () => {
    t = await tempCore({ demo: true });
    desk = t.core.connectAs('reception', 'test');
    const f = new JobFixtures(t.core.dbPath);
    for (let i = 0; i < COUNT_CAP + 120; i++) {
      const name = `${FIRST[i % FIRST.length]} ${SURNAMES[i % SURNAMES.length]}`;
      const active = i % 50 !== 7;
      names.push({ id: f.patient(name, { active }), name, active });
    }
    f.close();
  });
  afterAll(() => t.cleanup());

  /** The expected page: matching patients in name order (search_name, then id). */
  const expected = (includeInactive: boolean, offset: number, limit: number) =>
    names
      .filter((p) => includeInactive || p.active)
      .sort((a, b) => {
        const [x, y] = [a.name.toLowerCase(), b.name.toLowerCase()];
        return x < y ? -1 : x > y ? 1 : a.id - b.id;
      })
      .slice(offset, offset + limit)
      .map((p) => p.id);

  it('caps the total at COUNT_CAP, says so, and still pages in name order', async () => {
    for (const [offset, includeInactive] of [
      [0, false],
      [25, false],
      [575, false],
      [0, true],
    ] as const) {
      const page = await value(desk, 'patients/list', { query: 'qx', includeInactive, offset, limit: 25 });
      expect(page.total).toBe(COUNT_CAP);
      expect(page.totalCapped).toBe(true);
      expect(page.items.map((p) => p.id)).toEqual(expected(includeInactive, offset, 25));
    }
  });

  it('counts exactly, without the cap, when the matches fit under it', async () => {
    const page = await value(desk, 'patients/list', { query: 'ada qxal', limit: 25 });
    const all = names.filter((p) => p.active && p.name === 'Ada Qxalder');
    expect(page.total).toBe(all.length);
    expect(page.totalCapped).toBeUndefined();
  });

  it('sees a patient registered after the name order was built', async () => {
    await value(desk, 'patients/list', { query: 'qx', limit: 25 });
    const f = new JobFixtures(t.core.dbPath);
    const id = f.patient('Aaron Qxaker', { number: 'T900001' });
    f.close();
    const page = await value(desk, 'patients/list', { query: 'qx', limit: 25 });
    expect(page.items[0]?.id).toBe(id);
  });
});
