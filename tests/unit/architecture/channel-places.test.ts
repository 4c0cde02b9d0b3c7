import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../../src/shared/contract';

const root = join(import.meta.dirname, '..', '..', '..');

/** docs/architecture.md: channel `x/verb` → shared/channels/x.ts → core/x/ → renderer features/x/. */
describe('every channel lives where its name says', () => {
  const domains = [...new Set(CHANNEL_NAMES.map((name) => name.split('/')[0]!))].sort();

  it.each(domains)('%s has its channel file, core folder and renderer feature folder', (domain) => {
    const places = [
      `src/shared/channels/${domain}.ts`,
      `src/main/core/${domain}/handlers.ts`,
      `src/renderer/src/features/${domain}`,
    ];
    expect(places.filter((place) => !existsSync(join(root, place)))).toEqual([]);
  });
});
