import { openSqlite } from '../../src/main/core/db/open';
import { CHART_DAYS, UPCOMING_DAYS, calendarOf } from '../../src/main/core/stats/compute';
import { addDays, dayRange } from '../../src/main/core/time/zone';
import { median, round, timeRuns } from '../measure';
import { ratioOf, type BenchContext, type BenchRow } from '../types';

const RUNS = 30;
const WARM_RUNS = 2000;

/**
 * The dashboard's figures as ONE hand-written statement: the same ranges (30 + 7 local days, this
 * month), the same indexes, the same counts, with no code between the queries.
 */
function referenceSql(ctx: BenchContext): string {
  const timeZone = 'Europe/London';
  const { today, monthRange } = calendarOf({ now: ctx.clock.now(), timeZone });
  const days: string[] = [];
  for (let i = -(CHART_DAYS - 1); i <= UPCOMING_DAYS; i++) {
    const { start, end } = dayRange(addDays(today, i), timeZone);
    days.push(`(${i}, ${start}, ${end})`);
  }
  const { start: ms, end: me } = monthRange;
  return `WITH days(i, s, e) AS (VALUES ${days.join(', ')})
    SELECT 'day' AS metric, d.i AS k, a.status AS v, count(*) AS n
      FROM days d JOIN appointments a ON a.starts_at >= d.s AND a.starts_at < d.e GROUP BY d.i, a.status
    UNION ALL SELECT 'doctor', a.doctor_id, a.status, count(*) FROM appointments a
      WHERE a.doctor_id IN (SELECT id FROM doctors) AND a.starts_at >= ${ms} AND a.starts_at < ${me}
      GROUP BY a.doctor_id, a.status
    UNION ALL SELECT 'treatments', 0, '', count(*) FROM appointments a CROSS JOIN treatments t
      ON t.appointment_id = a.id WHERE a.starts_at >= ${ms} AND a.starts_at < ${me}
    UNION ALL SELECT 'patients', 0, '', (SELECT count(*) FROM patients) - (SELECT count(*) FROM patients WHERE active = 0)
    UNION ALL SELECT 'doctors', id, department_id, active FROM doctors
    UNION ALL SELECT 'departments', id, name, active FROM departments
    UNION ALL SELECT 'exports', 0, '', count(*) FROM exports WHERE status IN ('queued', 'running')
    UNION ALL SELECT 'outbox', 0, status, count(*) FROM email_outbox WHERE status IN ('queued', 'failed') GROUP BY status
    UNION ALL SELECT 'backup', 0, value, 0 FROM settings WHERE key = 'lastBackupAt'`;
}

async function referenceTimes(ctx: BenchContext, runs: number): Promise<number[]> {
  const sqlite = openSqlite(ctx.dbPath, { readonly: true });
  try {
    const statement = sqlite.prepare(referenceSql(ctx));
    return await timeRuns(() => statement.all(), runs, 2);
  } finally {
    sqlite.close();
  }
}

export const dashboardCold: BenchRow = {
  id: 'dashboard-cold',
  title: 'Dashboard stats, cold (memo bypassed)',
  target: 'ratio ≤ 1.5 and < 50 ms',
  async run(ctx) {
    const admin = ctx.core.connectAs('admin', 'test');
    const ours = median(
      await timeRuns(
        async () => {
          const result = await admin.call('stats/dashboard', { force: true });
          if (!result.ok) throw new Error(result.error.message);
        },
        RUNS,
        2,
      ),
    );
    const reference = median(await referenceTimes(ctx, RUNS));
    const ratio = ratioOf(ours, reference);
    return {
      ours: round(ours),
      reference: round(reference),
      ratio: ratio === null ? null : round(ratio, 2),
      unit: 'ms (median)',
      met: ratio !== null && ratio <= 1.5 && ours < 50,
      note: 'ours through the contract (session check, validation, zone arithmetic); reference: one hand-written SQL statement via better-sqlite3',
    };
  },
};

export const dashboardWarm: BenchRow = {
  id: 'dashboard-warm',
  title: 'Dashboard stats, warm (memoised)',
  target: '< 1,000 µs',
  async run(ctx) {
    const admin = ctx.core.connectAs('admin', 'test');
    await admin.call('stats/dashboard', {});
    const ours =
      median(
        await timeRuns(
          async () => {
            const result = await admin.call('stats/dashboard', {});
            if (!result.ok) throw new Error(result.error.message);
          },
          WARM_RUNS,
          50,
        ),
      ) * 1000;
    const reference = median(await referenceTimes(ctx, RUNS)) * 1000;
    const ratio = ratioOf(ours, reference);
    return {
      ours: round(ours, 1),
      reference: round(reference, 1),
      ratio: ratio === null ? null : round(ratio, 4),
      unit: 'µs (median)',
      met: ours < 1000,
      note: 'reference: the hand-written statement, i.e. what the memo saves',
    };
  },
};
