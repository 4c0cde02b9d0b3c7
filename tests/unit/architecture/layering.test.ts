import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const depcruise = join(root, 'node_modules', '.bin', 'depcruise');

/** Runs the project's own layering rules (`npm run lint:layers`) over `src` inside `cwd`. */
function cruise(cwd: string) {
  const run = spawnSync(depcruise, ['src', '--config', join(root, '.dependency-cruiser.mjs')], {
    cwd,
    encoding: 'utf8',
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('layering rules (dependency-cruiser)', () => {
  it('fail on a type-only cycle, a domain importing the wiring, a host past the core entry and electron outside the shell', () => {
    const result = cruise(join(root, 'tests', 'fixtures', 'layering'));
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('no-cycles');
    expect(result.output).toContain('domains-stay-below-the-wiring');
    expect(result.output).toContain('hosts-use-the-core-public-entry');
    expect(result.output).toContain('only-the-shell-imports-electron');
  }, 180_000);

  it('pass on the tree', () => {
    const result = cruise(root);
    expect(result.output).toContain('no dependency violations found');
    expect(result.status).toBe(0);
  }, 180_000);
});
