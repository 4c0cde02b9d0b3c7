import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { round } from '../measure';
import type { BenchRow } from '../types';

export const bundle: BenchRow = {
  id: 'renderer-bundle',
  title: 'Renderer bundle, gzipped (JS + CSS)',
  target: 'reported (no target set)',
  // eslint-disable-next-line @typescript-eslint/require-await
  async run(ctx) {
    const build = spawnSync(process.execPath, [join(ctx.repoRoot, 'scripts', 'ensure-renderer.mjs')], {
      cwd: ctx.repoRoot,
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`renderer build failed: ${build.stderr}`);
    const assets = join(ctx.repoRoot, 'out', 'renderer', 'assets');
    const sizes = readdirSync(assets)
      .filter((file) => /\.(js|css)$/.test(file))
      .map((file) => {
        const raw = readFileSync(join(assets, file));
        return { file, raw: raw.length, gzip: gzipSync(raw).length };
      });
    const kb = (n: number) => round(n / 1024, 1);
    return {
      ours: kb(sizes.reduce((sum, s) => sum + s.gzip, 0)),
      reference: null,
      ratio: null,
      unit: 'KiB gzip',
      met: null,
      note: 'absolute figure: no reference build to compare with',
      extra: {
        rawKiB: kb(sizes.reduce((sum, s) => sum + s.raw, 0)),
        ...Object.fromEntries(sizes.map((s) => [s.file.replace(/-[\w-]{8}\./, '.'), kb(s.gzip)])),
      },
    };
  },
};
