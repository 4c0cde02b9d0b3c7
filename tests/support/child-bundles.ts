import { createHash, randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { build, version as esbuildVersion, type BuildOptions } from 'esbuild';

/**
 * The child processes the tests start (the CLI, the preview server, the writers the crash tests
 * SIGKILL, the other PCs…), bundled once per test run into plain JavaScript so each start loads
 * one file instead of compiling the TypeScript module graph again with tsx (a loaded probe:
 * `cli --help` 8.1 s through tsx, 5.4 s bundled). Same code, same arguments, same environment:
 * only the compile step moves out of every start.
 *
 * Laid out like the electron-vite build (out/main): the worker threads are entries of their own
 * next to the children, under the names the core looks for outside a source run
 * (src/main/core/workers/start.ts `workerEntryPath`), and every package stays in node_modules
 * (better-sqlite3 is native). The folder sits inside the repository so those packages and
 * drizzle/ are found by walking up, as from the built app.
 */
export const CHILD_ENTRIES: Readonly<Record<string, string>> = {
  cli: 'src/main/cli.ts',
  'web-preview': 'src/main/web/main.ts',
  'booking-writer': 'tests/integration/security/support/booking-writer.ts',
  'book-once': 'tests/integration/clinic/support/book-once.ts',
  'job-app': 'tests/integration/jobs/support/job-app.ts',
  'network-host': 'tests/integration/network/support/host-process.ts',
  'network-client': 'tests/integration/network/support/client-process.ts',
  'host-preview': 'tests/desktop/support/host-preview.ts',
  // Worker threads, named as electron.vite.config.ts names them in out/main.
  'export-worker': 'src/main/core/exports/worker.ts',
  'backup-worker': 'src/main/core/backups/check-worker.ts',
  'import-worker': 'src/main/core/imports/worker.ts',
};

export const repoRoot = resolve(import.meta.dirname, '..', '..');
const cacheRoot = join(repoRoot, '.cache', 'test-children');
const manifestPath = join(cacheRoot, 'manifest.json');

const options: BuildOptions = {
  absWorkingDir: repoRoot,
  entryPoints: Object.entries(CHILD_ENTRIES).map(([out, source]) => ({ in: source, out })),
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: `node${process.versions.node.split('.')[0]}`,
  packages: 'external',
  // Bundling renames clashing top-level names; keep `.name` of functions and classes as in source.
  keepNames: true,
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'silent',
};

/** What the cache key covers besides the sources: the bundler and how it is asked to bundle. */
const recipe = JSON.stringify({ esbuildVersion, CHILD_ENTRIES, ...options, entryPoints: undefined });

interface Manifest {
  recipe: string;
  folder: string;
  /** Every bundled source file (repo-relative) with the hash of its content. */
  inputs: Record<string, string>;
}

const hashOf = (file: string): string =>
  createHash('sha256')
    .update(readFileSync(join(repoRoot, file)))
    .digest('hex');

function upToDate(manifest: Manifest): boolean {
  if (manifest.recipe !== recipe || !existsSync(join(cacheRoot, manifest.folder))) return false;
  return Object.entries(manifest.inputs).every(
    ([file, hash]) => existsSync(join(repoRoot, file)) && hashOf(file) === hash,
  );
}

function readManifest(): Manifest | null {
  try {
    return JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

/**
 * The folder holding the bundled children: reused while no bundled source changed (a second run
 * costs only hashing the inputs), rebuilt after any change. A source file can only join the
 * bundle through an edit to one already in it, so the listed inputs are enough to decide.
 */
export async function ensureChildBundles(): Promise<string> {
  const cached = readManifest();
  if (cached && upToDate(cached)) return join(cacheRoot, cached.folder);

  mkdirSync(cacheRoot, { recursive: true });
  const staging = join(cacheRoot, `staging-${process.pid}-${randomUUID()}`);
  const result = await build({ ...options, outdir: staging });
  const inputs: Record<string, string> = {};
  for (const file of Object.keys(result.metafile?.inputs ?? {}).sort()) inputs[file] = hashOf(file);
  const folder = createHash('sha256')
    .update(recipe)
    .update(JSON.stringify(inputs))
    .digest('hex')
    .slice(0, 16);
  const target = join(cacheRoot, folder);
  if (existsSync(target)) rmSync(staging, { recursive: true, force: true });
  else renameSync(staging, target);

  const manifest: Manifest = { recipe, folder, inputs };
  const temporary = `${manifestPath}.${process.pid}`;
  writeFileSync(temporary, JSON.stringify(manifest, null, 2));
  renameSync(temporary, manifestPath);
  removeStale(folder);
  return target;
}

/** Older bundles (and staging folders a killed run left) once nothing can still be running them. */
function removeStale(current: string): void {
  // Ages measured on the file system's own clock: an hour older than the bundle just written.
  const hourAgo = statSync(join(cacheRoot, current)).mtimeMs - 60 * 60 * 1000;
  for (const name of readdirSync(cacheRoot)) {
    const path = join(cacheRoot, name);
    if (name === current || name === 'manifest.json' || !statSync(path).isDirectory()) continue;
    if (statSync(path).mtimeMs < hourAgo) rmSync(path, { recursive: true, force: true });
  }
}

/** The bundle of `source` (repo-relative or absolute) inside `folder`. */
export function bundleOf(folder: string, source: string): string {
  const wanted = relative(repoRoot, resolve(repoRoot, source)).split('\\').join('/');
  const name = Object.entries(CHILD_ENTRIES).find(([, entry]) => entry === wanted)?.[0];
  if (name === undefined) {
    throw new Error(
      `${wanted} is not a bundled test child: add it to CHILD_ENTRIES in tests/support/child-bundles.ts.`,
    );
  }
  return join(folder, `${name}.js`);
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder of bundled test children (tests/global-setup.ts). */
    childBundles: string;
  }
}
