#!/usr/bin/env node
// Builds the renderer only when out/renderer is missing or older than its sources, so
// `npm run start:web` and `npm run test:e2e` start quickly yet never serve a stale UI.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const output = join(root, 'out', 'renderer', 'index.html');
const sources = ['src/renderer', 'src/shared', 'vite.renderer.config.ts', 'package.json'].map((p) =>
  join(root, p),
);

/** Newest modification time under a file or folder (0 when it does not exist). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs; // a deleted file only shows as a newer folder
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const builtAt = existsSync(output) ? statSync(output).mtimeMs : 0;
const sourcesAt = Math.max(...sources.map(newest));

if (builtAt > sourcesAt) {
  console.log('Renderer is up to date (out/renderer).');
  process.exit(0);
}

const reason = builtAt ? 'sources changed' : 'no build yet';
const viteBin = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
if (!existsSync(viteBin)) {
  console.error('Cannot build the renderer: vite is not installed. Run `npm install` first.');
  process.exit(1);
}
const build = spawnSync(
  process.execPath,
  [viteBin, 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (build.status !== 0) {
  console.error(
    `Renderer build failed (${build.error?.message ?? `exit code ${build.status}`}); see the messages above.`,
  );
  process.exit(1);
}
console.log(`Renderer built into out/renderer (${reason}).`);
