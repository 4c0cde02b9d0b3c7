import { describe, expect, it } from 'vitest';
import {
  buildSearchKeys,
  nameWords,
  patchSearchKeys,
  prefixRange,
  type KeyedPatient,
} from '../../../src/main/core/patients/search-keys';

/** The keys of some patients, given in name order (their position is their rank). */
function keysOf(patients: KeyedPatient[]) {
  const ranks = new Int32Array(Math.max(0, ...patients.map((p) => p.id)) + 1).fill(-1);
  patients.forEach((p, at) => (ranks[p.id] = at));
  return buildSearchKeys(
    ranks,
    (at) => nameWords(patients[at]?.name ?? ''),
    patients.map((p) => p.number),
  );
}

describe('search keys: the words and numbers a typed prefix can match', () => {
  it('splits names into distinct words as the FTS tokenizer does', () => {
    expect(nameWords('ana maria ana')).toEqual(['ana', 'maria']);
    expect(nameWords("o'neil-garcia  jr")).toEqual(['o', 'neil', 'garcia', 'jr']);
    expect(nameWords('李 小龙 zoe')).toEqual(['李', '小龙', 'zoe']);
    expect(nameWords('𝒜lma ﬀion')).toEqual(['𝒜lma', 'ﬀion']);
    expect(nameWords(' - ')).toEqual([]);
  });

  it('finds the adjacent texts a prefix begins, and nothing for a prefix none has', () => {
    const sorted = ['a', 'ab', 'abc', 'ab\uffff', 'ac', 'b', '\uffff'];
    expect(prefixRange(sorted, 'ab')).toEqual([1, 4]);
    expect(prefixRange(sorted, 'a')).toEqual([0, 5]);
    expect(prefixRange(sorted, '')).toEqual([0, 7]);
    expect(prefixRange(sorted, 'abd')).toEqual([3, 3]);
    expect(prefixRange(sorted, '\uffff')).toEqual([6, 7]);
    expect(prefixRange([], 'a')).toEqual([0, 0]);
  });

  it('holds each word with its patients (ids ascending) and every number, sorted', () => {
    const keys = keysOf([
      { id: 7, name: 'ada lovelace', number: 'P000007' },
      { id: 2, name: 'ada ng', number: 'Z1' }, // numbers need not grow with the id
      { id: 5, name: 'lev ada', number: 'A9' },
    ]);
    expect(keys.words).toEqual(['ada', 'lev', 'lovelace', 'ng']);
    expect(keys.holders).toEqual([[2, 5, 7], [5], [7], [2]]);
    expect([...keys.before]).toEqual([0, 3, 4, 5, 6]);
    expect(keys.numbers).toEqual(['A9', 'P000007', 'Z1']);
    expect(keys.numberIds).toEqual([5, 7, 2]);
  });

  it('patches one patient (added, renamed, renumbered, deleted) to what a rebuild gives', () => {
    const patients: KeyedPatient[] = [
      { id: 1, name: 'ada lovelace', number: 'P1' },
      { id: 3, name: 'mary-jane ng', number: 'P3' },
    ];
    let keys = keysOf(patients);
    keys = patchSearchKeys(keys, undefined, { id: 4, name: 'ng ada', number: 'P0' });
    expect(keys).toEqual(keysOf([...patients, { id: 4, name: 'ng ada', number: 'P0' }]));
    keys = patchSearchKeys(keys, patients[0], { id: 1, name: 'ada king', number: 'Q1' });
    expect(keys).toEqual(
      keysOf([
        { id: 1, name: 'ada king', number: 'Q1' },
        patients[1]!,
        { id: 4, name: 'ng ada', number: 'P0' },
      ]),
    );
    keys = patchSearchKeys(keys, patients[1], undefined);
    expect(keys).toEqual(
      keysOf([
        { id: 1, name: 'ada king', number: 'Q1' },
        { id: 4, name: 'ng ada', number: 'P0' },
      ]),
    );
  });
});
