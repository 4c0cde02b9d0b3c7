import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** What `npm run build` produces and the desktop tests run or package. */
export const BUILT = [
  'out/main/index.js',
  'out/main/export-worker.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
];

function newest(dir: string): number {
  let time = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) time = Math.max(time, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return time;
}

/** Runs `npm run build` when out/ is missing or older than src/ (a fresh clone, or an edit). */
export function ensureBuilt(): void {
  const outputs = BUILT.map((file) => join(PROJECT_ROOT, file));
  const built = outputs.every((file) => existsSync(file));
  const sources = Math.max(
    newest(join(PROJECT_ROOT, 'src')),
    statSync(join(PROJECT_ROOT, 'electron.vite.config.ts')).mtimeMs,
  );
  if (built && Math.min(...outputs.map((file) => statSync(file).mtimeMs)) >= sources) return;
  const result = spawnSync('npm', ['run', '-s', 'build'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout}\n${result.stderr}`);
}
