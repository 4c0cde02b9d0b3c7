/**
 * The packaging check: electron-builder --dir, with this project's electron-builder.yml, against a
 * stand-in Electron folder (the real binary cannot be downloaded here), then what the package
 * holds. electron-builder must not download anything: every proxy points at a closed loopback
 * port, so an attempt fails the build instead of passing silently.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nativeBindingPath } from '../../scripts/prepare-electron.mjs';
import { ensureBuilt, PROJECT_ROOT } from './support/build';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as {
  listPackage(archive: string, options: { isPack: boolean }): string[];
};

const ELECTRON_VERSION = (require('electron/package.json') as { version: string }).version;
const BETTER_SQLITE3 = (require('better-sqlite3/package.json') as { version: string }).version;
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Fuse wire v1 with nine fuses, all as a fresh Electron ships them ("0" off, "1" on). */
const FRESH_WIRE = '011111111';
const BUDGET_BYTES = 25 * 1024 * 1024;

function folderSize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? folderSize(path) : statSync(path).size;
  }
  return total;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/** Just enough of an Electron folder for electron-builder: the executable with its fuse wire. */
function standInElectron(dir: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  mkdirSync(join(dir, 'locales'), { recursive: true });
  const executable = join(dir, 'electron');
  writeFileSync(
    executable,
    Buffer.concat([
      Buffer.from('#!/bin/sh\n# stand-in for the Electron executable\n'),
      Buffer.from(FUSE_SENTINEL),
      Buffer.from([1, FRESH_WIRE.length]),
      Buffer.from(FRESH_WIRE),
      Buffer.from('\n'),
    ]),
  );
  chmodSync(executable, 0o755);
  writeFileSync(join(dir, 'chrome-sandbox'), '');
  writeFileSync(join(dir, 'LICENSE'), 'MIT');
  writeFileSync(join(dir, 'version'), ELECTRON_VERSION);
}

describe('packaging (electron-builder --dir against a stand-in Electron)', () => {
  let work: string;
  let app: string;
  let log: string;
  let createdBinding: string | null = null;
  let standInSize = 0;

  beforeAll(() => {
    ensureBuilt();
    work = mkdtempSync(join(tmpdir(), 'clinic-desk-pack-'));
    const electronDist = join(work, 'electron-dist');
    standInElectron(electronDist);
    standInSize = folderSize(electronDist);

    // beforePack insists on the Electron build of better-sqlite3 for the target; outside a real
    // `npm run dist` the Node build stands in for it (same file layout, never loaded here).
    const binding = nativeBindingPath(PROJECT_ROOT, {
      electron: ELECTRON_VERSION,
      betterSqlite3: BETTER_SQLITE3,
      platform: 'linux',
      arch: 'x64',
    });
    if (!existsSync(binding)) {
      mkdirSync(dirname(binding), { recursive: true });
      writeFileSync(
        binding,
        readFileSync(require.resolve('better-sqlite3/build/Release/better_sqlite3.node')),
      );
      createdBinding = binding;
    }

    const deadProxy = 'http://127.0.0.1:9';
    const result = spawnSync(
      process.execPath,
      [
        require.resolve('electron-builder/cli.js'),
        '--linux',
        'dir',
        '--x64',
        `-c.electronDist=${electronDist}`,
        `-c.electronVersion=${ELECTRON_VERSION}`,
        `-c.directories.output=${join(work, 'release')}`,
      ],
      {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
        env: {
          ...process.env,
          HTTP_PROXY: deadProxy,
          HTTPS_PROXY: deadProxy,
          http_proxy: deadProxy,
          https_proxy: deadProxy,
          ELECTRON_GET_USE_PROXY: '1',
          NO_PROXY: '',
          CSC_IDENTITY_AUTO_DISCOVERY: 'false',
        },
      },
    );
    log = `${result.stdout}\n${result.stderr}`;
    if (result.status !== 0) throw new Error(`electron-builder failed:\n${log}`);
    app = join(work, 'release', 'linux-unpacked');
  }, 240_000);

  afterAll(() => {
    if (createdBinding) rmSync(createdBinding, { force: true });
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('downloads nothing', () => {
    expect(log).not.toMatch(/download/i);
  });

  it('puts the built app and package.json in the asar, and no sources or tests', () => {
    const entries = asar
      .listPackage(join(app, 'resources', 'app.asar'), { isPack: false })
      .map((entry) => entry.split(sep).join('/'));
    for (const needed of [
      '/package.json',
      '/out/main/index.js',
      '/out/main/export-worker.js',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
      '/node_modules/better-sqlite3/lib/index.js',
      '/node_modules/electron-store/index.js',
    ]) {
      expect(entries).toContain(needed);
    }
    expect(entries.filter((entry) => /^\/(src|tests|bench|docs|scripts|drizzle)\//.test(entry))).toEqual([]);
    const own = entries.filter((entry) => !entry.startsWith('/node_modules/'));
    expect(own.filter((entry) => entry.endsWith('.map') || entry.endsWith('.ts'))).toEqual([]);
    // No package's own test suite either (zod ships one under src/).
    expect(entries.filter((entry) => /\/node_modules\/.*\.test\.[cm]?[jt]s$/.test(entry))).toEqual([]);
    // Renderer-only packages are bundled by Vite and are devDependencies: none ships.
    expect(entries.filter((entry) => /\/node_modules\/(react|@mantine|recharts)\//.test(entry))).toEqual([]);
    // better-sqlite3's C sources, build files and Node build stay out.
    expect(
      entries.filter((entry) => /\/node_modules\/better-sqlite3\/(deps|src|build)\//.test(entry)),
    ).toEqual([]);
  });

  it('unpacks only the Electron build of better-sqlite3 and the icons', () => {
    const unpacked = filesUnder(join(app, 'resources', 'app.asar.unpacked')).sort();
    expect(unpacked).toEqual(
      [
        `native/electron/${ELECTRON_VERSION}/${BETTER_SQLITE3}/linux-x64/better_sqlite3.node`,
        ...readdirSync(join(PROJECT_ROOT, 'resources'))
          .filter((name) => name.endsWith('.png'))
          .map((name) => `resources/${name}`),
      ].sort(),
    );
  });

  it('puts the migrations where paths.ts looks for them (<resources>/drizzle)', () => {
    const journal = JSON.parse(
      readFileSync(join(app, 'resources', 'drizzle', 'meta', '_journal.json'), 'utf8'),
    ) as {
      entries: Array<{ tag: string }>;
    };
    for (const { tag } of journal.entries) {
      expect(existsSync(join(app, 'resources', 'drizzle', `${tag}.sql`))).toBe(true);
    }
  });

  it('writes the fuses: no ELECTRON_RUN_AS_NODE, no NODE_OPTIONS or --inspect, asar only and checked', () => {
    const executable = readFileSync(join(app, 'clinic-desk'));
    const at = executable.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
    const wire = executable.subarray(at + 2, at + 2 + executable[at + 1]!).toString('latin1');
    // 0 runAsNode, 1 cookie encryption (left), 2 NODE_OPTIONS, 3 --inspect, 4 asar integrity, 5 only asar.
    expect(wire.slice(0, 6)).toBe('010011');
    expect(wire).not.toBe(FRESH_WIRE);
  });

  it('stays within the size budget: the Electron runtime + 25 MB', () => {
    const appSize = folderSize(app) - standInSize;
    console.info(`packaged app beyond the Electron runtime: ${(appSize / 1024 / 1024).toFixed(1)} MB`);
    expect(appSize).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
