import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The bench runs as the app ships: bundled JavaScript on plain Node, not TypeScript compiled on
 * the fly. Under tsx the bench process carries tsx and its compile state (about 100 MB of RSS
 * before anything is measured: 148 MB at start against 46 MB for plain Node), which the export
 * row would count as the app's memory, and each worker thread started from source loads tsx again.
 * The app runs electron-vite's build of `src/main` (out/main/index.js with export-worker.js,
 * backup-worker.js and import-worker.js next to it); this builds the bench the same way — vite's
 * SSR build, every package left in node_modules, each worker an entry next to the bundle where
 * `workerEntryPath` looks for it in a built app.
 */
export async function buildBench(repoRoot: string): Promise<string> {
  const core = (...path: string[]) => join(repoRoot, 'src', 'main', 'core', ...path);
  const outDir = await buildForNode(repoRoot, 'bench-build', {
    run: join(repoRoot, 'bench', 'run.ts'),
    'export-worker': core('exports', 'worker.ts'),
    'backup-worker': core('backups', 'check-worker.ts'),
    'import-worker': core('imports', 'worker.ts'),
  });
  return join(outDir, 'run.js');
}

/**
 * Vite's SSR build of `entries` (name → source file) into `bench/.cache/<folder>/<name>.js` for
 * plain Node, every package left in node_modules; returns the folder. vite is loaded only here: it
 * adds ~190 MB to the process that loads it, which must not be the measured one.
 */
export async function buildForNode(
  repoRoot: string,
  folder: string,
  entries: Record<string, string>,
): Promise<string> {
  const outDir = join(repoRoot, 'bench', '.cache', folder);
  const { build } = await import('vite');
  await build({
    configFile: false,
    logLevel: 'silent',
    root: repoRoot,
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      rollupOptions: {
        input: entries,
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  });
  return outDir;
}

/** Where the bench runs: from source under tsx only when asked (CLINIC_DESK_BENCH_SOURCE=1). */
export function runsFromSource(): boolean {
  return process.env['CLINIC_DESK_BENCH_SOURCE'] === '1';
}

/**
 * From source (`npm run bench` is `tsx bench/run.ts`): builds the bench and runs the build in a
 * plain Node child with the same arguments; the tsx parent only waits, and is never measured.
 */
export async function runBuilt(repoRoot: string): Promise<number> {
  console.error('Building the bench as the app ships (vite SSR build)…');
  const entry = await buildBench(repoRoot);
  const child = spawnSync(process.execPath, [entry, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, CLINIC_DESK_BENCH_ROOT: repoRoot },
  });
  if (child.error) throw child.error;
  return child.status ?? 1;
}
