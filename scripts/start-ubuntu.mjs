#!/usr/bin/env node
/**
 * `npm start` on Ubuntu 24.04+, where AppArmor forbids the unprivileged user namespaces that
 * Chromium's sandbox needs (kernel.apparmor_restrict_unprivileged_userns=1). Rather than turning
 * the sandbox off (--no-sandbox), it installs, once and with sudo, an AppArmor profile that allows
 * user namespaces for this checkout's development Electron binary only, then runs `npm start`.
 * Installed packages do not need this: the .deb ships Chromium's setuid sandbox helper.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const RESTRICT_USERNS = '/proc/sys/kernel/apparmor_restrict_unprivileged_userns';
export const PROFILE_NAME = 'clinic-desk-electron-dev';

/** Whether this kernel blocks Chromium's sandbox unless a profile allows it. */
export function userNamespacesRestricted(read = (path) => readFileSync(path, 'utf8')) {
  try {
    return read(RESTRICT_USERNS).trim() === '1';
  } catch {
    return false;
  }
}

/** The AppArmor profile: unconfined except that it may create user namespaces. */
export function appArmorProfile(electronBinary) {
  return [
    'abi <abi/4.0>,',
    'include <tunables/global>',
    '',
    `profile ${PROFILE_NAME} "${electronBinary}" flags=(unconfined) {`,
    '  userns,',
    `  include if exists <local/${PROFILE_NAME}>`,
    '}',
    '',
  ].join('\n');
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

export function main(projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')) {
  // Downloads Electron and builds the SQLite driver first, as `npm start` does.
  if (run(process.execPath, [join(projectRoot, 'scripts', 'prepare-electron.mjs')]) !== 0) return 1;
  const electronBinary = join(projectRoot, 'node_modules', 'electron', 'dist', 'electron');
  const profileFile = `/etc/apparmor.d/${PROFILE_NAME}`;
  const profile = appArmorProfile(electronBinary);
  const installed = existsSync(profileFile) && readFileSync(profileFile, 'utf8') === profile;
  if (userNamespacesRestricted() && !installed) {
    console.log(`Installing the AppArmor profile ${profileFile} for ${electronBinary} (needs sudo)…`);
    if (run('sudo', ['tee', profileFile], { input: profile, stdio: ['pipe', 'ignore', 'inherit'] }) !== 0)
      return 1;
    if (run('sudo', ['apparmor_parser', '-r', profileFile]) !== 0) return 1;
  }
  return run('npx', ['electron-vite', 'dev'], { cwd: projectRoot, shell: process.platform === 'win32' });
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  process.exit(main());
}
