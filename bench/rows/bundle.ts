import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { round } from '../measure';
import type { BenchRow } from '../types';

interface BundleSize {
  /** What the window loads at start: the files index.html names (JS + CSS), gzipped. */
  initialGzip: number;
  initialRaw: number;
  /** Every JS and CSS file, the screens loaded on demand included. */
  allGzip: number;
  chunks: number;
}

function run(ctx: { repoRoot: string }, args: string[], what: string): void {
  const build = spawnSync(process.execPath, args, { cwd: ctx.repoRoot, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`${what} failed: ${build.stderr}`);
}

function measure(repoRoot: string): BundleSize {
  const dir = join(repoRoot, 'out', 'renderer');
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const initial = new Set([...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+)"/g)].map((m) => m[1]));
  const files = readdirSync(join(dir, 'assets'))
    .filter((file) => /\.(js|css)$/.test(file))
    .map((file) => {
      const raw = readFileSync(join(dir, 'assets', file));
      return { file, raw: raw.length, gzip: gzipSync(raw).length };
    });
  const sum = (list: typeof files, key: 'raw' | 'gzip') => list.reduce((n, f) => n + f[key], 0);
  const start = files.filter((f) => initial.has(f.file));
  return {
    initialGzip: sum(start, 'gzip'),
    initialRaw: sum(start, 'raw'),
    allGzip: sum(files, 'gzip'),
    chunks: files.length,
  };
}

const kb = (n: number) => round(n / 1024, 1);

/**
 * The renderer as the desktop app ships it (`electron-vite build`, electron.vite.config.ts) and
 * as the browser preview builds it (vite.renderer.config.ts, which the e2e tests use too). The
 * figure is what the window loads at start; screens loaded on demand are in `extra`.
 */
export const bundle: BenchRow = {
  id: 'renderer-bundle',
  title: 'Renderer bundle at start, gzipped (JS + CSS), as the desktop app ships it',
  target: '≤ 400 KiB gzip',
  // eslint-disable-next-line @typescript-eslint/require-await
  async run(ctx) {
    const modules = join(ctx.repoRoot, 'node_modules');
    run(ctx, [join(modules, 'electron-vite', 'bin', 'electron-vite.js'), 'build'], 'electron-vite build');
    const desktop = measure(ctx.repoRoot);
    // Leave out/renderer as the preview build the e2e tests expect.
    run(
      ctx,
      [
        join(modules, 'vite', 'bin', 'vite.js'),
        'build',
        '--config',
        'vite.renderer.config.ts',
        '--logLevel',
        'error',
      ],
      'vite build',
    );
    const preview = measure(ctx.repoRoot);
    return {
      ours: kb(desktop.initialGzip),
      reference: null,
      ratio: null,
      unit: 'KiB gzip at start',
      met: desktop.initialGzip <= 400 * 1024,
      note: `desktop build ${kb(desktop.initialRaw)} KiB raw at start, ${kb(desktop.allGzip)} KiB gzip in ${desktop.chunks} files with the on-demand screens; preview build (vite.renderer.config.ts) ${kb(preview.initialGzip)} KiB gzip at start, ${kb(preview.allGzip)} KiB in all`,
      extra: {
        desktopInitialKiB: kb(desktop.initialGzip),
        desktopInitialRawKiB: kb(desktop.initialRaw),
        desktopAllKiB: kb(desktop.allGzip),
        previewInitialKiB: kb(preview.initialGzip),
        previewInitialRawKiB: kb(preview.initialRaw),
        previewAllKiB: kb(preview.allGzip),
      },
    };
  },
};
