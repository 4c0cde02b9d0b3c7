import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite, type Sqlite } from '../../../src/main/core/db/open';
import { nameMatches } from '../../../src/main/core/patients/name-order';
import { COUNT_CAP, patientSearch } from '../../../src/main/core/patients/search';
import { seededRandom } from '../../../src/main/core/seed/random';
import { tempCore, type TempCore } from '../../support/temp-core';

/**
 * The in-memory paths — walking every name in order, testing only the rarest typed word's patients
 * (search keys), and the choice between them — against the index path they stand in front of, on
 * a generated clinic and random prefixes of its names.
 */
describe('patient search: the in-memory paths answer exactly as the indexes do', () => {
  let t: TempCore;
  let sqlite: Sqlite;
  let names: string[];
  beforeAll(async () => {
    t = await tempCore();
    await t.core.seedLarge({ patients: 4000, doctors: 4, years: 1, seed: 77 });
    sqlite = openSqlite(t.core.dbPath);
    // Some inactive patients, so both the active filter and includeInactive are exercised.
    sqlite.exec('UPDATE patients SET active = 0 WHERE id % 23 = 0');
    names = sqlite.prepare<[], string>('SELECT full_name FROM patients WHERE id % 7 = 0').pluck().all();
  }, 300_000);
  afterAll(() => {
    sqlite.close();
    t.cleanup();
  });

  it('gives the same page and total on 400 random prefixes (one and two words, numbers, paging)', () => {
    const auto = patientSearch(sqlite);
    const walk = patientSearch(sqlite, { memory: 'walk' });
    const keys = patientSearch(sqlite, { memory: 'keys' });
    const indexes = patientSearch(sqlite, { memory: 'off' });
    const random = seededRandom(2026);
    let capped = 0;
    for (let n = 0; n < 400; n++) {
      const name = random.pick(names);
      const words = name.split(' ');
      const query =
        n % 10 === 0
          ? `P00${random.int(0, 9)}`.slice(0, random.int(1, 4)) // patient-number prefixes, "p" included
          : n % 4 === 0
            ? `${words[0]?.slice(0, random.int(1, 3))} ${words.at(-1)?.slice(0, random.int(1, 3))}`
            : n % 7 === 0 // the surname first, or a word nobody has
              ? `${words.at(-1)?.slice(0, random.int(2, 6))} ${n % 2 === 0 ? 'qzx' : words[0]?.slice(0, 1)}`
              : name.slice(0, random.int(1, Math.min(8, name.length)));
      const input = {
        query: n % 3 === 0 ? query.toUpperCase() : query,
        includeInactive: n % 5 === 0,
        offset: random.pick([0, 0, 25, COUNT_CAP - 10]),
        limit: 25,
      };
      const expected = indexes(input);
      expect(walk(input), `walk ${JSON.stringify(input)}`).toEqual(expected);
      expect(keys(input), `keys ${JSON.stringify(input)}`).toEqual(expected);
      expect(auto(input), `auto ${JSON.stringify(input)}`).toEqual(expected);
      if (expected.totalCapped) capped += 1;
    }
    expect(capped).toBeGreaterThan(10); // the "500+" answers were compared too
  });

  it('sees a patient made inactive by another connection at the next search', () => {
    const walk = patientSearch(sqlite, { memory: 'keys' });
    const first = walk({ query: 'a', includeInactive: false, offset: 0, limit: 5 }).items[0]!;
    const other = openSqlite(t.core.dbPath);
    other.prepare('UPDATE patients SET active = 0 WHERE id = ?').run(first.id);
    other.close();
    const again = walk({ query: 'a', includeInactive: false, offset: 0, limit: 5 });
    expect(again.items.map((p) => p.id)).not.toContain(first.id);
    sqlite.prepare('UPDATE patients SET active = 1 WHERE id = ?').run(first.id);
    expect(walk({ query: 'a', includeInactive: false, offset: 0, limit: 5 }).items[0]?.id).toBe(first.id);
  });

  it('matches words as the FTS tokenizer splits them', () => {
    expect(nameMatches("amara o'brien-garcia", ['gar', 'bri'])).toBe(true);
    expect(nameMatches('amara garcia', ['arc'])).toBe(false);
    expect(nameMatches('zoe muller', ['mu', 'zo'])).toBe(true);
    expect(nameMatches('zoe muller', [])).toBe(false);
  });
});
