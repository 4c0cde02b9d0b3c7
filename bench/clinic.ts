import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { progressBar } from '../src/main/cli/progress';
import { createCore, DATABASE_FILE } from '../src/main/core';
import type { Clock } from '../src/main/core/host';
import { silentLogger } from '../src/main/core/logger';

export interface ClinicSize {
  patients: number;
  doctors: number;
  years: number;
  seed: number;
}

export interface CachedClinic {
  dir: string;
  /** When the clinic was generated: its "today". */
  generatedAt: number;
  /** Seconds the generator took, when it ran in this bench run. */
  generatedSeconds: number | null;
  appointments: number;
  treatments: number;
}

interface Meta {
  generatedAt: number;
  seconds: number;
  appointments: number;
  treatments: number;
}

/**
 * The large clinic, generated once into bench/.cache/ (gitignored) and reused by later runs; the
 * generator is deterministic for a seed and a day, and the bench's clock replays that day.
 */
export async function ensureLargeClinic(
  repoRoot: string,
  size: ClinicSize,
  log: (line: string) => void,
): Promise<CachedClinic> {
  const name = `clinic-p${size.patients}-d${size.doctors}-y${size.years}-s${size.seed}`;
  const dir = join(repoRoot, 'bench', '.cache', name);
  const metaPath = join(dir, 'meta.json');
  if (existsSync(metaPath) && existsSync(join(dir, DATABASE_FILE))) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as Meta;
    log(`Reusing the large clinic in ${dir} (generated ${new Date(meta.generatedAt).toISOString()}).`);
    return {
      dir,
      generatedAt: meta.generatedAt,
      generatedSeconds: null,
      appointments: meta.appointments,
      treatments: meta.treatments,
    };
  }
  const building = `${dir}.building`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  log(
    `Generating the large clinic (${size.patients} patients, ${size.doctors} doctors, ${size.years} years)…`,
  );
  const generatedAt = Date.now();
  const core = await createCore({
    dataDir: building,
    logger: silentLogger,
    clock: { now: () => new Date(generatedAt) },
  });
  const bar = progressBar();
  const started = process.hrtime.bigint();
  let result;
  try {
    result = await core.seedLarge({
      patients: size.patients,
      doctors: size.doctors,
      years: size.years,
      seed: size.seed,
      onProgress: (phase, fraction) => bar.update(phase, fraction),
    });
  } finally {
    core.close();
    bar.done();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  rmSync(join(building, 'logs'), { recursive: true, force: true });
  const meta: Meta = {
    generatedAt,
    seconds,
    appointments: result.appointments,
    treatments: result.treatments,
  };
  writeFileSync(join(building, 'meta.json'), JSON.stringify(meta, null, 2));
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  log(
    `Generated in ${seconds.toFixed(1)} s: ${result.appointments} appointments, ${result.treatments} treatments.`,
  );
  return {
    dir,
    generatedAt,
    generatedSeconds: seconds,
    appointments: result.appointments,
    treatments: result.treatments,
  };
}

/** A fresh working copy, so rows that write (bookings) never change the cached clinic. */
export function workingCopy(repoRoot: string, clinic: CachedClinic): string {
  const dir = join(repoRoot, 'bench', '.cache', 'work');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(clinic.dir, DATABASE_FILE), join(dir, DATABASE_FILE));
  return dir;
}

/** The clinic's own day replayed: generation instant plus the time since the bench started. */
export function replayClock(generatedAt: number): Clock {
  const started = Date.now();
  return { now: () => new Date(generatedAt + (Date.now() - started)) };
}
