/**
 * `npm run bench [-- --json FILE] [--patients N --doctors N --years N --seed S] [--only a,b]`
 * (optional rows, e.g. network-clients, run only when named in --only)
 *
 * Runs as the app ships: `tsx bench/run.ts` builds the bench (bench/build.ts) and runs the bundle
 * on plain Node (CLINIC_DESK_BENCH_SOURCE=1 runs it from source instead). Builds (or reuses,
 * under bench/.cache/) the large clinic, then measures each row against a
 * reference taken in the same run on the same data. A script, not a test: nothing in `npm test`
 * depends on timing. Results and how to read them: docs/performance.md.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore, DATABASE_FILE } from '../src/main/core';
import { silentLogger } from '../src/main/core/logger';
import { runBuilt, runsFromSource } from './build';
import { ensureLargeClinic, largeClinicCached, replayClock, workingCopy } from './clinic';
import { round } from './measure';
import { dailyBackup } from './rows/backup';
import { booking } from './rows/booking';
import { bundle } from './rows/bundle';
import { dashboardCold, dashboardWarm } from './rows/dashboard';
import { rangeExport } from './rows/export';
import { patientImport } from './rows/import';
import { reminders } from './rows/reminders';
import { searchP50, searchP95 } from './rows/search';
import { startup } from './rows/startup';
import { networkClients } from './rows/network';
import type { BenchContext, BenchRow, RowResult } from './types';

const ROWS: BenchRow[] = [
  dashboardCold,
  dashboardWarm,
  searchP50,
  searchP95,
  booking,
  rangeExport,
  reminders,
  startup,
  dailyBackup,
  bundle,
  patientImport,
  networkClients,
];

/** The checkout: given by the launcher to the built bench (bench/.cache/bench-build/run.js). */
const repoRoot = process.env['CLINIC_DESK_BENCH_ROOT'] ?? resolve(import.meta.dirname, '..');

function format(value: number | null): string {
  if (value === null) return '—';
  return Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-GB') : String(value);
}

function printTable(results: { row: BenchRow; result: RowResult }[]): void {
  const lines = results.map(({ row, result }) => [
    row.id,
    format(result.ours),
    format(result.reference),
    result.ratio === null ? '—' : `${result.ratio}×`,
    result.unit,
    result.met === null ? 'n/a' : result.met ? 'met' : 'MISSED',
    row.target,
  ]);
  const header = ['row', 'ours', 'reference', 'ratio', 'unit', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const show = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  console.log(`\n${show(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const line of lines) console.log(show(line));
  for (const { row, result } of results) if (result.note) console.log(`  ${row.id}: ${result.note}`);
}

interface MemoryPoint {
  at: string;
  rssMB: number;
  heapUsedMB: number;
  heapTotalMB: number;
  externalMB: number;
  arrayBuffersMB: number;
}

/** The bench process's memory at a point of the run (after each row), for the JSON and the log. */
function memoryAt(at: string): MemoryPoint {
  const usage = process.memoryUsage();
  const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);
  return {
    at,
    rssMB: mb(usage.rss),
    heapUsedMB: mb(usage.heapUsed),
    heapTotalMB: mb(usage.heapTotal),
    externalMB: mb(usage.external),
    arrayBuffersMB: mb(usage.arrayBuffers),
  };
}

function memoryLine(point: MemoryPoint | undefined): string {
  if (!point) return '';
  return `  memory ${point.at}: rss ${point.rssMB} MB, heap ${point.heapUsedMB}/${point.heapTotalMB} MB, external ${point.externalMB} MB (array buffers ${point.arrayBuffersMB} MB)`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: 'string' },
      patients: { type: 'string', default: '200000' },
      doctors: { type: 'string', default: '60' },
      years: { type: 'string', default: '10' },
      seed: { type: 'string', default: '20261129' },
      only: { type: 'string' },
      'generate-only': { type: 'boolean' },
    },
  });
  const log = (line: string) => console.error(line);
  const startedAt = Date.now();
  const size = {
    patients: Number(values.patients),
    doctors: Number(values.doctors),
    years: Number(values.years),
    seed: Number(values.seed),
  };
  if (values['generate-only']) {
    await ensureLargeClinic(repoRoot, size, log);
    return;
  }
  // Generated in a process of its own: the generator's heap would otherwise stay in this
  // process's RSS, which the export row measures as the app's (about +80 MB).
  const generatedByChild = !largeClinicCached(repoRoot, size);
  if (generatedByChild) {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, process.argv[1] ?? '', ...process.argv.slice(2), '--generate-only'],
      { stdio: 'inherit' },
    );
    if (child.status !== 0) throw new Error('Generating the large clinic failed.');
  }
  const clinic = await ensureLargeClinic(repoRoot, size, log, generatedByChild);
  const dataDir = workingCopy(repoRoot, clinic);
  const clock = replayClock(clinic.generatedAt);
  const core = await createCore({ dataDir, logger: silentLogger, clock });
  const ctx: BenchContext = {
    dataDir,
    dbPath: join(dataDir, DATABASE_FILE),
    repoRoot,
    size,
    clock,
    core,
    log,
  };

  const only = values.only?.split(',');
  const memory = [memoryAt('start (core created)')];
  const results: { row: BenchRow; result: RowResult }[] = [];
  const generation: RowResult = {
    ours: clinic.generatedSeconds === null ? null : round(clinic.generatedSeconds, 1),
    reference: null,
    ratio: null,
    unit: 's',
    met: clinic.generatedSeconds === null ? null : clinic.generatedSeconds < 120,
    note:
      clinic.generatedSeconds === null
        ? 'reused from bench/.cache (delete it to time the generator)'
        : 'absolute figure: cli seed --patients 200000 --doctors 60 --years 10',
    extra: { appointments: clinic.appointments, treatments: clinic.treatments },
  };
  results.push({
    row: {
      id: 'generate-large-clinic',
      title: 'Large clinic generation',
      target: '< 120 s',
      run: () => Promise.resolve(generation),
    },
    result: generation,
  });

  try {
    for (const row of ROWS) {
      if (only ? !only.includes(row.id) : row.optional) continue;
      log(`Measuring ${row.id}…`);
      try {
        results.push({ row, result: await row.run(ctx) });
      } catch (error) {
        results.push({
          row,
          result: {
            ours: null,
            reference: null,
            ratio: null,
            unit: '',
            met: false,
            note: `failed: ${(error as Error).message}`,
          },
        });
      }
      memory.push(memoryAt(`after ${row.id}`));
      log(memoryLine(memory.at(-1)));
    }
  } finally {
    core.close();
  }
  printTable(results);
  const seconds = (Date.now() - startedAt) / 1000;
  console.log(`\nBench finished in ${seconds.toFixed(0)} s.`);
  if (values.json) {
    const out = {
      at: new Date().toISOString(),
      clinic: {
        ...size,
        appointments: clinic.appointments,
        treatments: clinic.treatments,
        today: new Date(clinic.generatedAt).toISOString(),
      },
      node: process.version,
      memory,
      seconds: round(seconds, 1),
      rows: results.map(({ row, result }) => ({
        id: row.id,
        title: row.title,
        target: row.target,
        ...result,
      })),
    };
    writeFileSync(resolve(values.json), `${JSON.stringify(out, null, 2)}\n`);
    console.log(`Results written to ${resolve(values.json)}.`);
  }
}

const fromSource = import.meta.url.endsWith('.ts');
(fromSource && !runsFromSource() ? runBuilt(repoRoot).then((status) => process.exit(status)) : main()).catch(
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
