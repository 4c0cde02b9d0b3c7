import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openSqlite } from '../../src/main/core/db/open';
import { rangeSql } from '../../src/main/core/exports/query';
import { addDays, dayRange, localDate } from '../../src/main/core/time/zone';
import { isChannelName } from '../../src/shared/contract';
import { round } from '../measure';
import { ratioOf, unavailable, type BenchContext, type BenchRow } from '../types';

export const EXPORT_ROWS = 1_000_000;
/** Whether this is the bench's build (bench/build.ts), whose process is measured as the app's. */
const builtBench = !import.meta.url.endsWith('.ts');
const SQLITE3 = '/usr/bin/sqlite3';
const GNU_TIME = '/usr/bin/time';

export interface ExportMeasurement {
  ms: number;
  peakMemoryMB: number;
  /** The process's RSS when the export was asked for (the peak includes it). */
  startMemoryMB: number;
  /** Longest event-loop stall of the main process while the export ran. */
  maxEventLoopDelayMs: number;
  p99EventLoopDelayMs: number;
}

export interface ExportRange {
  from: string;
  to: string;
  /** The reference's query: the export's own SELECT over the same instants. */
  sql: string;
  rows: number;
}

/**
 * The admin range export the row measures: whole clinic days, ending on the day of the newest
 * appointment and reaching back far enough to hold about EXPORT_ROWS rows.
 */
export async function exportRange(ctx: BenchContext): Promise<ExportRange> {
  const admin = ctx.core.connectAs('admin', 'test');
  const options = await admin.call('appointments/options', {});
  if (!options.ok) throw new Error(options.error.message);
  const { timeZone } = options.value;
  const sqlite = openSqlite(ctx.dbPath, { readonly: true });
  try {
    const at = (offset: number) =>
      sqlite
        .prepare<[number], { starts_at: number }>(
          'SELECT starts_at FROM appointments ORDER BY starts_at DESC LIMIT 1 OFFSET ?',
        )
        .get(offset)?.starts_at ?? 0;
    const from = addDays(localDate(at(EXPORT_ROWS - 1), timeZone), 1);
    const to = localDate(at(0), timeZone);
    const start = dayRange(from, timeZone).start;
    const end = dayRange(to, timeZone).end;
    const rows =
      sqlite
        .prepare<[number, number], { n: number }>(
          'SELECT count(*) AS n FROM appointments WHERE starts_at >= ? AND starts_at < ?',
        )
        .get(start, end)?.n ?? 0;
    return { from, to, sql: `${rangeSql()}`.replace('?', String(start)).replace('?', String(end)), rows };
  } finally {
    sqlite.close();
  }
}

/**
 * Ours: the admin's range export through `exports/startRange` (the real worker thread writing the
 * CSV), timed until the export is done, sampling the process's RSS every 20 ms and the main
 * thread's event-loop delay (perf_hooks) meanwhile.
 */
export async function measureExport(
  ctx: BenchContext,
  range: ExportRange,
): Promise<ExportMeasurement | null> {
  if (!isChannelName('exports/startRange')) return null;
  const admin = ctx.core.connectAs('admin', 'test');
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  const startRss = process.memoryUsage().rss;
  let peakRss = startRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  histogram.enable();
  const started = process.hrtime.bigint();
  try {
    const result = await admin.call('exports/startRange', { from: range.from, to: range.to });
    if (!result.ok) throw new Error(result.error.message);
    const item = await ctx.core.jobs.waitExport(result.value.exportId);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (item.status !== 'done') throw new Error(item.error ?? 'the export failed');
    if (item.rows !== range.rows)
      throw new Error(`the export wrote ${item.rows} rows, expected ${range.rows}`);
    if (item.filePath) rmSync(item.filePath, { force: true });
    return {
      ms,
      peakMemoryMB: round(peakRss / 1024 / 1024, 1),
      startMemoryMB: round(startRss / 1024 / 1024, 1),
      maxEventLoopDelayMs: round(histogram.max / 1e6, 1),
      p99EventLoopDelayMs: round(histogram.percentile(99) / 1e6, 1),
    };
  } finally {
    histogram.disable();
    clearInterval(sampler);
  }
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
  target: 'ratio ≤ 2.0, peak < 250 MB, main event-loop delay max < 50 ms, p99 < 10 ms',
  async run(ctx) {
    const range = await exportRange(ctx);
    const reference = sqliteShell(ctx, range.sql);
    const referenceExtra = {
      referencePeakMemoryMB: reference?.peakMemoryMB ?? null,
      referenceCsvMB: reference ? round(reference.bytes / 1024 / 1024, 1) : null,
    };
    const ours = await measureExport(ctx, range);
    if (ours === null) {
      return unavailable(
        'ms',
        reference ? round(reference.ms, 0) : null,
        'no exports/startRange channel yet',
        referenceExtra,
      );
    }
    const ratio = ratioOf(ours.ms, reference?.ms ?? null);
    return {
      ours: round(ours.ms, 0),
      reference: reference ? round(reference.ms, 0) : null,
      ratio: ratio === null ? null : round(ratio, 2),
      unit: 'ms',
      met:
        ratio !== null &&
        ratio <= 2 &&
        ours.peakMemoryMB < 250 &&
        ours.maxEventLoopDelayMs < 50 &&
        ours.p99EventLoopDelayMs < 10,
      note: `${range.rows} rows (${range.from} to ${range.to}); peak memory is the whole process's RSS (worker thread included) after the rows run before it, ${builtBench ? 'the bench running as the app ships (bundled, plain Node: bench/build.ts)' : "the bench running from source (tsx and its compile state counted in: not the app's figure)"}`,
      extra: {
        rows: range.rows,
        peakMemoryMB: ours.peakMemoryMB,
        startMemoryMB: ours.startMemoryMB,
        maxEventLoopDelayMs: ours.maxEventLoopDelayMs,
        p99EventLoopDelayMs: ours.p99EventLoopDelayMs,
        ...referenceExtra,
      },
    };
  },
};
