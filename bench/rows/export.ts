import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openSqlite } from '../../src/main/core/db/open';
import { isChannelName } from '../../src/shared/contract';
import { round } from '../measure';
import { ratioOf, unavailable, type BenchContext, type BenchRow } from '../types';

export const EXPORT_ROWS = 1_000_000;
const SQLITE3 = '/usr/bin/sqlite3';
const GNU_TIME = '/usr/bin/time';

export interface ExportMeasurement {
  ms: number;
  peakMemoryMB: number;
  /** Longest event-loop stall of the main process while the export ran. */
  maxEventLoopDelayMs: number;
}

/** The admin range export's rows: the newest EXPORT_ROWS appointments, with who, where and what. */
export function exportRange(ctx: BenchContext): { from: number; sql: string } {
  const sqlite = openSqlite(ctx.dbPath, { readonly: true });
  try {
    const row = sqlite
      .prepare<[number], { starts_at: number }>(
        'SELECT starts_at FROM appointments ORDER BY starts_at DESC LIMIT 1 OFFSET ?',
      )
      .get(EXPORT_ROWS - 1);
    const from = row?.starts_at ?? 0;
    const sql = `SELECT a.id, a.starts_at, a.status, p.patient_number, p.full_name, d.full_name AS doctor,
        dep.name AS department, t.diagnosis, t.prescription
      FROM appointments a JOIN patients p ON p.id = a.patient_id JOIN doctors d ON d.id = a.doctor_id
      JOIN departments dep ON dep.id = d.department_id LEFT JOIN treatments t ON t.appointment_id = a.id
      WHERE a.starts_at >= ${from} ORDER BY a.starts_at, a.id LIMIT ${EXPORT_ROWS}`;
    return { from, sql };
  } finally {
    sqlite.close();
  }
}

/**
 * OURS — fill in at merge (one function): start an admin range export through `exports/start`
 * covering exportRange(ctx) (EXPORT_ROWS rows), wait for its job-finished event, and answer the
 * wall time, the worker's peak memory and the main process's max event-loop delay
 * (perf_hooks.monitorEventLoopDelay) meanwhile. Answer null while the channel does not exist.
 */
// eslint-disable-next-line @typescript-eslint/require-await
export async function measureExport(_ctx: BenchContext): Promise<ExportMeasurement | null> {
  if (!isChannelName('exports/start')) return null;
  throw new Error('exports/start exists: write measureExport() in bench/rows/export.ts.');
}

/** Reference: Debian's sqlite3 shell writing the same query as CSV. */
function sqliteShell(
  ctx: BenchContext,
  sql: string,
): { ms: number; peakMemoryMB: number | null; bytes: number } | null {
  if (!existsSync(SQLITE3)) return null;
  const out = join(ctx.dataDir, 'reference-export.csv');
  const withTime = existsSync(GNU_TIME);
  const command = withTime ? GNU_TIME : SQLITE3;
  const args = [
    ...(withTime ? ['-f', '%M', SQLITE3] : []),
    '-csv',
    '-header',
    ctx.dbPath,
    `.once ${out}`,
    sql,
  ];
  const started = process.hrtime.bigint();
  const run = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new Error(`sqlite3 failed: ${run.stderr}`);
  const peakKb = withTime ? Number(run.stderr.trim().split('\n').at(-1)) : Number.NaN;
  const bytes = statSync(out).size;
  rmSync(out, { force: true });
  return { ms, peakMemoryMB: Number.isFinite(peakKb) ? round(peakKb / 1024, 1) : null, bytes };
}

export const rangeExport: BenchRow = {
  id: 'export-1m-rows',
  title: 'Admin range export, 1,000,000 rows to CSV',
  target: 'ratio ≤ 2.0, peak < 250 MB, main event-loop delay < 50 ms',
  async run(ctx) {
    const { sql } = exportRange(ctx);
    const reference = sqliteShell(ctx, sql);
    const referenceExtra = {
      referencePeakMemoryMB: reference?.peakMemoryMB ?? null,
      referenceCsvMB: reference ? round(reference.bytes / 1024 / 1024, 1) : null,
    };
    const ours = await measureExport(ctx);
    if (ours === null) {
      return unavailable(
        'ms',
        reference ? round(reference.ms, 0) : null,
        'no exports/start channel yet',
        referenceExtra,
      );
    }
    const ratio = ratioOf(ours.ms, reference?.ms ?? null);
    return {
      ours: round(ours.ms, 0),
      reference: reference ? round(reference.ms, 0) : null,
      ratio: ratio === null ? null : round(ratio, 2),
      unit: 'ms',
      met: ratio !== null && ratio <= 2 && ours.peakMemoryMB < 250 && ours.maxEventLoopDelayMs < 50,
      extra: {
        peakMemoryMB: ours.peakMemoryMB,
        maxEventLoopDelayMs: ours.maxEventLoopDelayMs,
        ...referenceExtra,
      },
    };
  },
};
