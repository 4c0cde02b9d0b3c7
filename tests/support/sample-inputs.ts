/**
 * Malformed payloads for fuzzing the contract, generated deterministically: random JSON of every
 * shape, oversized values, prototype-pollution keys, and mutations of each channel's own shape.
 */
import type { Random } from '../../src/main/core/seed/random';

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '<script>alert(1)</script>',
  "'; DROP TABLE patients; --",
  '=HYPERLINK("http://evil.example")',
  '../../../../etc/passwd',
  '\u202e\u0301\ud83d\ude00',
  'x'.repeat(100_001),
  '9'.repeat(400),
  'NaN',
  '2026-02-30',
  '25:99',
];
const NASTY_NUMBERS = [0, -1, 1.5, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e308, -0];

export function randomJson(random: Random, depth = 0): unknown {
  const kind = random.int(0, depth > 2 ? 4 : 7);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return random.chance(0.5);
    case 2:
      return random.pick(NASTY_NUMBERS);
    case 3:
      return random.pick(NASTY_STRINGS);
    case 4:
      return random.int(-5, 5);
    case 5:
      return Array.from({ length: random.int(0, 4) }, () => randomJson(random, depth + 1));
    default: {
      const keys = [
        'id',
        'name',
        'query',
        'limit',
        'offset',
        '__proto__',
        'constructor',
        'prototype',
        'role',
        'password',
      ];
      const object: Record<string, unknown> = {};
      for (let i = random.int(0, 4); i > 0; i--) object[random.pick(keys)] = randomJson(random, depth + 1);
      return object;
    }
  }
}

/** Field-level mutations of an object payload: drop, retype, enlarge or add a field. */
export function mutate(random: Random, base: unknown): unknown {
  if (base === null || typeof base !== 'object' || Array.isArray(base)) return randomJson(random);
  const copy: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  const keys = Object.keys(copy);
  switch (random.int(0, 4)) {
    case 0:
      if (keys.length) delete copy[random.pick(keys)];
      else copy['unexpected'] = 1;
      return copy;
    case 1:
      if (keys.length) copy[random.pick(keys)] = randomJson(random, 2);
      return copy;
    case 2:
      if (keys.length) copy[random.pick(keys)] = 'y'.repeat(random.pick([1_000_001, 200_000]));
      return copy;
    case 3:
      copy['extra_' + random.int(0, 9)] = randomJson(random, 2);
      return copy;
    default:
      return JSON.parse('{"__proto__": {"polluted": true}}') as unknown;
  }
}
