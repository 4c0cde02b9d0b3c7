import { join } from 'node:path';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');

/**
 * CI (`.ci/run`) lints and checks formatting while the build runs. electron-vite bundles its
 * config to a file beside it and deletes it seconds later; a lint that listed that file and then
 * opened it after the deletion failed CI with ENOENT. Both checks must leave such files alone,
 * and still check the configs themselves.
 */
const bundledConfigs = [
  'electron.vite.config.ts.1796214880440-c802fc441d1e7.mjs', // electron-vite's name
  'vite.renderer.config.ts.timestamp-1796214880440-3f2a9c.mjs', // vite's name
];
const configs = ['electron.vite.config.ts', 'vite.renderer.config.ts', 'eslint.config.js'];

/** Prettier's CLI reads .gitignore and .prettierignore unless told otherwise; the API does not. */
const prettierIgnored = async (file: string) =>
  (
    await prettier.getFileInfo(join(root, file), {
      ignorePath: [join(root, '.gitignore'), join(root, '.prettierignore')],
    })
  ).ignored;

describe('checks that run beside the build', () => {
  it('ESLint ignores the bundled config the build writes and deletes, not the configs', async () => {
    const eslint = new ESLint({ cwd: root });
    for (const file of bundledConfigs) expect(await eslint.isPathIgnored(join(root, file)), file).toBe(true);
    for (const file of configs) expect(await eslint.isPathIgnored(join(root, file)), file).toBe(false);
  });

  it('Prettier ignores it too, and still checks the configs', async () => {
    for (const file of bundledConfigs) expect(await prettierIgnored(file), file).toBe(true);
    for (const file of configs) expect(await prettierIgnored(file), file).toBe(false);
  });
});
