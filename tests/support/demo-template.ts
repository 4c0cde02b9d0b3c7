import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, DATABASE_FILE } from '../../src/main/core';
import type { ScryptCost } from '../../src/main/core/auth/password';
import { silentLogger } from '../../src/main/core/logger';

/**
 * Seeding the demo clinic (400 patients, ~14,000 appointments, ~11,000 treatments) takes 1–2 s;
 * about a hundred tests and every e2e preview start want one. The first asker in a run seeds it
 * with the real code into a template file (per clock instant and variant); later askers get a
 * copy of that file, which `createCore` then opens, migrates and — finding a clinic — leaves
 * unseeded. The copy holds the same rows the seeding would have written (password hashes aside,
 * whose salts are random anyway). tests/integration/clinic/demo-seed.test.ts still seeds for real.
 */
export type DemoVariant = true | 'without-visits';

/** The run's template folder (tests/global-setup.ts); a per-process one outside a vitest run. */
let folder: string | undefined;
async function templateFolder(): Promise<string> {
  if (folder) return folder;
  try {
    // Imported here, not at the top: bundled test children (host-process.ts) import this module's
    // neighbours without running under vitest.
    const { inject } = await import('vitest');
    folder = inject('clinicTemplates');
  } catch {
    folder = undefined;
  }
  if (!folder) {
    folder = mkdtempSync(join(tmpdir(), 'clinic-desk-templates-'));
    const own = folder;
    process.once('exit', () => rmSync(own, { recursive: true, force: true }));
  }
  return folder;
}

/**
 * Puts a seeded demo clinic's database into `dataDir` (created if needed; it must not hold a
 * database yet), as seeded at `now` with `passwordCost`.
 */
export async function copyDemoClinic(
  dataDir: string,
  options: { now: Date; demo: DemoVariant; passwordCost: ScryptCost },
): Promise<void> {
  const { now, demo, passwordCost } = options;
  const name = [
    demo === true ? 'demo' : demo,
    now.toISOString().replace(/[:.]/g, '-'),
    `N${passwordCost.N}r${passwordCost.r}p${passwordCost.p}`,
  ].join('_');
  const root = await templateFolder();
  const template = join(root, `${name}.db`);
  if (!existsSync(template)) {
    const staging = mkdtempSync(join(root, 'staging-'));
    try {
      const core = await createCore({
        dataDir: staging,
        demo,
        passwordCost,
        logger: silentLogger,
        clock: { now: () => new Date(now) },
      });
      core.close();
      // Closing the only connection checkpoints the WAL into clinic.db and removes it.
      const leftovers = readdirSync(staging).filter((f) => f.startsWith(`${DATABASE_FILE}-`));
      if (leftovers.length > 0)
        throw new Error(`The demo template kept ${leftovers.join(', ')} after closing.`);
      // Atomic: a concurrent asker sees either no template or a whole one.
      renameSync(join(staging, DATABASE_FILE), template);
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }
  mkdirSync(dataDir, { recursive: true });
  copyFileSync(template, join(dataDir, DATABASE_FILE));
}

/** True when `dataDir` is missing or empty, so a copied database is all it would hold. */
export function isFreshFolder(dataDir: string | undefined): boolean {
  return dataDir === undefined || !existsSync(dataDir) || readdirSync(dataDir).length === 0;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder of this run's seeded demo clinics (tests/support/demo-template.ts). */
    clinicTemplates: string;
  }
}
