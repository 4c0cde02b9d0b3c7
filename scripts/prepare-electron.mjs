#!/usr/bin/env node
/**
 * Makes `npm start` / `npm run dist` work: fetches the Electron binary when it is missing and
 * builds better-sqlite3 for Electron's ABI into
 * native/electron/<electron>/<better-sqlite3>/<platform>-<arch>/better_sqlite3.node.
 *
 * The Node build in node_modules stays untouched because the tests, the CLI and the browser
 * preview run on plain Node; the desktop app passes the Electron build to better-sqlite3 as its
 * `nativeBinding` (see src/main/shell/paths.ts, which must agree with nativeBindingPath below).
 * Deliberately not a postinstall step: `npm install` must work offline and without Electron.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';
export const NATIVE_FILE = 'better_sqlite3.node';

export function electronVersion(projectRoot) {
  const manifest = join(projectRoot, 'node_modules', 'electron', 'package.json');
  if (!existsSync(manifest)) {
    throw new Error('The "electron" package is not installed. Run `npm install` first.');
  }
  return JSON.parse(readFileSync(manifest, 'utf8')).version;
}

export function betterSqlite3Version(projectRoot) {
  const manifest = join(projectRoot, 'node_modules', 'better-sqlite3', 'package.json');
  if (!existsSync(manifest)) {
    throw new Error('node_modules/better-sqlite3 is missing. Run `npm install` first.');
  }
  return JSON.parse(readFileSync(manifest, 'utf8')).version;
}

/**
 * One build per Electron, better-sqlite3, platform and architecture (src/main/shell/paths.ts
 * looks for it under the same four), so an update or another target never reuses a stale one.
 */
export function nativeBindingPath(projectRoot, key) {
  return join(
    projectRoot,
    'native',
    'electron',
    key.electron,
    key.betterSqlite3,
    `${key.platform}-${key.arch}`,
    NATIVE_FILE,
  );
}

/** electron-builder's Arch enum (builder-util), by number. */
const BUILDER_ARCH = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/**
 * electron-builder `beforePack`: refuses to package for a platform/arch whose Electron build of
 * better-sqlite3 is missing, with the sentence that says how to make it. A build can be made only
 * on the target OS (node-gyp does not cross-compile between OSes).
 */
export function checkNativeBindingForPackaging(projectRoot, { platform, arch, electron }) {
  const key = { electron, betterSqlite3: betterSqlite3Version(projectRoot), platform, arch };
  const file = nativeBindingPath(projectRoot, key);
  if (!isNativeBindingBuilt(file)) {
    throw new Error(
      `No Electron build of better-sqlite3 for Electron ${key.electron}, better-sqlite3 ` +
        `${key.betterSqlite3} on ${platform}-${arch} (expected ${file}). Run ` +
        '`node scripts/prepare-electron.mjs` on a machine of that OS and architecture first.',
    );
  }
  return file;
}

export async function beforePack(context) {
  const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const arch = typeof context.arch === 'number' ? BUILDER_ARCH[context.arch] : String(context.arch);
  const electron = context.packager?.config?.electronVersion ?? electronVersion(projectRoot);
  const platform = context.electronPlatformName;
  checkNativeBindingForPackaging(projectRoot, { platform, arch, electron });
}

export default beforePack;

/** An empty file is what an interrupted copy leaves behind; it must be rebuilt, not trusted. */
export function isNativeBindingBuilt(file) {
  try {
    return statSync(file).size > 0;
  } catch {
    return false;
  }
}

/** Downloads a published Electron build of better-sqlite3, when one exists for this version. */
export function prebuildInstallArgs({ version, arch, platform }) {
  return [
    '--runtime=electron',
    `--target=${version}`,
    `--arch=${arch}`,
    `--platform=${platform}`,
    '--verbose',
  ];
}

/** Compiles against Electron's headers; `devdir` keeps them apart from Node's header cache. */
export function nodeGypArgs({ version, arch, devDir }) {
  return [
    'rebuild',
    '--release',
    `--target=${version}`,
    `--arch=${arch}`,
    '--runtime=electron',
    `--dist-url=${ELECTRON_HEADERS_URL}`,
    `--devdir=${devDir}`,
  ];
}

/** Everything of the better-sqlite3 package except a previous build (which is Node's). */
export function isSourceFile(packageDir, file) {
  const build = join(packageDir, 'build');
  return file !== build && !file.startsWith(build + sep);
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: process.env });
  if (result.error) throw result.error;
  return result.status === 0;
}

function ensureElectronBinary(projectRoot) {
  const installer = join(projectRoot, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) {
    throw new Error('node_modules/electron/install.js is missing. Run `npm install` first.');
  }
  // install.js exits at once when the binary for this version is already there.
  if (!run(process.execPath, [installer], projectRoot)) {
    throw new Error(
      'Could not download the Electron binary. Check the network connection (or set ELECTRON_MIRROR ' +
        'to a reachable mirror) and run the command again.',
    );
  }
}

function resolveTool(projectRoot, specifier) {
  for (const base of [projectRoot, join(projectRoot, 'node_modules', 'better-sqlite3')]) {
    try {
      return createRequire(join(base, 'package.json')).resolve(specifier);
    } catch {
      // try the next location
    }
  }
  return null;
}

function buildNativeBinding(projectRoot, version, target) {
  const packageDir = join(projectRoot, 'node_modules', 'better-sqlite3');
  if (!existsSync(join(packageDir, 'package.json'))) {
    throw new Error('node_modules/better-sqlite3 is missing. Run `npm install` first.');
  }
  const workDir = mkdtempSync(join(tmpdir(), 'clinic-desk-sqlite-'));
  try {
    cpSync(packageDir, workDir, { recursive: true, filter: (file) => isSourceFile(packageDir, file) });
    const arch = process.env.npm_config_arch || process.arch;

    const prebuild = resolveTool(projectRoot, 'prebuild-install/bin.js');
    const downloaded =
      prebuild !== null &&
      run(
        process.execPath,
        [prebuild, ...prebuildInstallArgs({ version, arch, platform: process.platform })],
        workDir,
      );

    if (!downloaded) {
      console.log('No prebuilt better-sqlite3 for this Electron; compiling it (needs a C++ toolchain).');
      const nodeGyp = process.env.npm_config_node_gyp || resolveTool(projectRoot, 'node-gyp/bin/node-gyp.js');
      if (!nodeGyp) {
        throw new Error(
          'node-gyp was not found. Install it with `npm install --save-dev node-gyp` and retry.',
        );
      }
      const devDir = join(homedir(), '.electron-gyp');
      if (!run(process.execPath, [nodeGyp, ...nodeGypArgs({ version, arch, devDir })], workDir)) {
        throw new Error(
          'Building better-sqlite3 for Electron failed (see the compiler output above). Install the ' +
            'build tools node-gyp needs (https://github.com/nodejs/node-gyp#installation) and retry.',
        );
      }
    }

    const built = join(workDir, 'build', 'Release', NATIVE_FILE);
    if (!isNativeBindingBuilt(built)) throw new Error(`The build finished but ${built} is missing.`);
    mkdirSync(dirname(target), { recursive: true });
    // Copy to a temporary name first so an interrupted run never leaves a half-written binding.
    copyFileSync(built, `${target}.partial`);
    renameSync(`${target}.partial`, target);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

export function main(projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')) {
  ensureElectronBinary(projectRoot);
  const version = electronVersion(projectRoot);
  const target = nativeBindingPath(projectRoot, {
    electron: version,
    betterSqlite3: betterSqlite3Version(projectRoot),
    platform: process.platform,
    arch: process.env.npm_config_arch || process.arch,
  });
  if (isNativeBindingBuilt(target)) return;
  console.log(`Building better-sqlite3 for Electron ${version}…`);
  buildNativeBinding(projectRoot, version, target);
  console.log(`Wrote ${target}`);
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  try {
    main();
  } catch (error) {
    console.error(`\nprepare-electron: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
