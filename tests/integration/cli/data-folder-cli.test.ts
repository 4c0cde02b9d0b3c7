import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliWithEnv } from '../../support/cli-process';
import { tempDir } from '../../support/temp-core';

describe('the command line and the data folder chosen in Settings › This PC', () => {
  const home = tempDir('clinic-desk-home-');
  const chosen = tempDir('clinic-desk-chosen-');
  const override = tempDir('clinic-desk-override-');
  afterAll(() => {
    for (const folder of [home, chosen, override]) rmSync(folder, { recursive: true, force: true });
  });
  // What the desktop app's electron-store writes on Linux: $XDG_CONFIG_HOME/Clinic Desk/pc-settings.json
  // (tests/unit/shell/pc-settings.test.ts proves the app writes exactly this file).
  mkdirSync(join(home, 'Clinic Desk'), { recursive: true });
  writeFileSync(join(home, 'Clinic Desk', 'pc-settings.json'), JSON.stringify({ dataFolder: chosen }));

  it('works on the folder the app chose when no --data-dir or CLINIC_DESK_DATA_DIR is given', async () => {
    const result = await cliWithEnv({ XDG_CONFIG_HOME: home }, 'db', 'check', '--json');
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ dataDir: chosen, healthy: true });
    expect(existsSync(join(chosen, 'clinic.db'))).toBe(true);
    expect(existsSync(join(home, 'Clinic Desk', 'clinic.db'))).toBe(false);
  });

  it('lets CLINIC_DESK_DATA_DIR win over the stored choice, as the app does', async () => {
    const result = await cliWithEnv(
      { XDG_CONFIG_HOME: home, CLINIC_DESK_DATA_DIR: override },
      'db',
      'check',
      '--json',
    );
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ dataDir: override });
  });
});
