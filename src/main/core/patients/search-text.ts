/** Unicode normalisation: what a name with anything beyond ASCII goes through. */
function fullSearchText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whitespace other than a lone space: a run of two, or a tab, line break or form feed. */
const UNUSUAL_SPACE = /\s\s|[^\S ]/;

/** Every run of whitespace as one space (`value.replace(/\s+/g, ' ')`), without a copy when it is already so. */
export function singleSpaced(value: string): string {
  return UNUSUAL_SPACE.test(value) ? value.replace(/\s+/g, ' ') : value;
}

/**
 * Lower-case, accent-free, single-spaced: what `patients.search_name` holds and queries match.
 * A plain-ASCII value (most names) skips the Unicode normalisation, which leaves ASCII as it is
 * and was most of the cost of an import's 200,000 names; the result is the same
 * (tests/integration/imports/search-text.test.ts compares both).
 */
export function searchText(value: string): string {
  for (let i = 0; i < value.length; i += 1) {
    if (value.charCodeAt(i) > 0x7f) return fullSearchText(value);
  }
  return singleSpaced(value.toLowerCase()).trim();
}

/** The same as `searchText`, always through Unicode normalisation (for tests). */
export const searchTextByNormalising = fullSearchText;

export function phoneDigits(value: string | null | undefined): string | null {
  if (!value) return null;
  const digits = value.replace(/\D+/g, '');
  return digits.length > 0 ? digits : null;
}

/** Upper bound for an index range scan that matches every string starting with `prefix`. */
export function prefixEnd(prefix: string): string {
  return `${prefix}\u{10FFFF}`;
}
