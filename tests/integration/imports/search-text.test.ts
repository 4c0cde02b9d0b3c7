import { describe, expect, it } from 'vitest';
import {
  searchText,
  searchTextByNormalising,
  singleSpaced,
} from '../../../src/main/core/patients/search-text';
import { spreadsheet } from './support';

/**
 * `searchText` skips the Unicode normalisation for plain-ASCII names (the import's hot path):
 * it must give exactly what normalising gives, for every kind of name and spacing.
 */
describe('search text: the ASCII path and the normalising path agree', () => {
  const edges = [
    '',
    ' ',
    'Tom Smith',
    '  Tom   Smith  ',
    'TOM\tSMITH',
    'Tom\r\nSmith',
    'Tom\u000bSmith\u000c',
    "Mary-Jane O'Neil",
    'Tom \t Smith',
    'tom\u00a0smith',
    'Zoë Núñez',
    'ZOË  NÚÑEZ',
    'Weiß Çelik',
    'İlker Öz',
    'O’Brien',
    'Tom\u2003Smith',
    'a\u0301b',
    'Tom\u001fSmith',
    'x'.repeat(300),
  ];

  it.each(edges)('%j', (name) => {
    expect(searchText(name)).toBe(searchTextByNormalising(name));
    expect(singleSpaced(name)).toBe(name.replace(/\s+/g, ' '));
  });

  it('for every name of the realistic 10,000-row sheet', () => {
    for (const row of spreadsheet(10_000).rows) {
      for (const name of [`${row.first} ${row.last}`, row.first, row.last, `  ${row.last}\t${row.first} `])
        expect(searchText(name)).toBe(searchTextByNormalising(name));
    }
  });
});
