import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  beforePack,
  checkNativeBindingForPackaging,
  ELECTRON_HEADERS_URL,
  electronVersion,
  isNativeBindingBuilt,
  isSourceFile,
  nativeBindingPath,
  nodeGypArgs,
  prebuildInstallArgs,
} from '../../../scripts/prepare-electron.mjs';

describe('prepare-electron helpers', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'prepare-electron-test-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the installed Electron version', () => {
    mkdirSync(join(dir, 'node_modules', 'electron'), { recursive: true });
    writeFileSync(
      join(dir, 'node_modules', 'electron', 'package.json'),
      JSON.stringify({ version: '45.5.0' }),
    );
    expect(electronVersion(dir)).toBe('45.5.0');
  });

  it('explains what to do when Electron is not installed', () => {
    expect(() => electronVersion(dir)).toThrow(/npm install/);
  });

  it('keeps one build per Electron, better-sqlite3, platform and architecture', () => {
    const key = { electron: '45.5.0', betterSqlite3: '12.6.2', platform: 'linux', arch: 'x64' };
    expect(nativeBindingPath(dir, key)).toBe(
      join(dir, 'native', 'electron', '45.5.0', '12.6.2', 'linux-x64', 'better_sqlite3.node'),
    );
    for (const other of [
      { ...key, electron: '46.0.0' },
      { ...key, betterSqlite3: '12.7.0' },
      { ...key, platform: 'win32' },
      { ...key, arch: 'arm64' },
    ]) {
      expect(nativeBindingPath(dir, other)).not.toBe(nativeBindingPath(dir, key));
    }
  });

  it('refuses to package (beforePack) without the build for the target, and names the fix', () => {
    mkdirSync(join(dir, 'node_modules', 'better-sqlite3'), { recursive: true });
    writeFileSync(
      join(dir, 'node_modules', 'better-sqlite3', 'package.json'),
      JSON.stringify({ version: '12.6.2' }),
    );
    const target = { electron: '45.5.0', platform: 'win32', arch: 'x64' };
    expect(() => checkNativeBindingForPackaging(dir, target)).toThrow(
      /No Electron build of better-sqlite3 for Electron 45\.5\.0, better-sqlite3 12\.6\.2 on win32-x64.*prepare-electron/,
    );
    const file = nativeBindingPath(dir, { ...target, betterSqlite3: '12.6.2' });
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, 'MZ');
    expect(checkNativeBindingForPackaging(dir, target)).toBe(file);
    // A build for another architecture does not count.
    expect(() => checkNativeBindingForPackaging(dir, { ...target, arch: 'arm64' })).toThrow(/win32-arm64/);
  });

  it("beforePack reads electron-builder's arch enum and the configured Electron version", async () => {
    // x64 is 1 in electron-builder's Arch enum; the project's own better-sqlite3 has no linux-x64 build here.
    await expect(
      beforePack({
        arch: 1,
        electronPlatformName: 'linux',
        packager: { config: { electronVersion: '0.0.0-test' } },
      }),
    ).rejects.toThrow(/Electron 0\.0\.0-test, better-sqlite3 [\d.]+ on linux-x64/);
  });

  it('counts only a non-empty binding as built', () => {
    const file = join(dir, 'better_sqlite3.node');
    expect(isNativeBindingBuilt(file)).toBe(false);
    writeFileSync(file, '');
    expect(isNativeBindingBuilt(file)).toBe(false);
    writeFileSync(file, 'ELF');
    expect(isNativeBindingBuilt(file)).toBe(true);
  });

  it('compiles against Electron headers for the given version', () => {
    const args = nodeGypArgs({ version: '45.5.0', arch: 'x64', devDir: '/home/me/.electron-gyp' });
    expect(args[0]).toBe('rebuild');
    expect(args).toEqual(
      expect.arrayContaining([
        '--target=45.5.0',
        '--arch=x64',
        '--runtime=electron',
        `--dist-url=${ELECTRON_HEADERS_URL}`,
        '--devdir=/home/me/.electron-gyp',
      ]),
    );
    expect(ELECTRON_HEADERS_URL).toBe('https://electronjs.org/headers');
    expect(prebuildInstallArgs({ version: '45.5.0', arch: 'arm64', platform: 'linux' })).toEqual(
      expect.arrayContaining(['--runtime=electron', '--target=45.5.0', '--arch=arm64', '--platform=linux']),
    );
  });

  it('copies the package sources but not the Node build', () => {
    const pkg = join(dir, 'better-sqlite3');
    expect(isSourceFile(pkg, join(pkg, 'binding.gyp'))).toBe(true);
    expect(isSourceFile(pkg, join(pkg, 'deps', 'sqlite3', 'sqlite3.c'))).toBe(true);
    expect(isSourceFile(pkg, join(pkg, 'build'))).toBe(false);
    expect(isSourceFile(pkg, join(pkg, 'build', 'Release', 'better_sqlite3.node'))).toBe(false);
    expect(isSourceFile(pkg, join(pkg, 'builder.js'))).toBe(true);
  });
});
