import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
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

  it('keeps one Electron build per Electron version, apart from node_modules', () => {
    expect(nativeBindingPath(dir, '45.5.0')).toBe(
      join(dir, 'native', 'electron', '45.5.0', 'better_sqlite3.node'),
    );
    expect(nativeBindingPath(dir, '46.0.0')).not.toBe(nativeBindingPath(dir, '45.5.0'));
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
