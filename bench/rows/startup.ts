import { createCore } from '../../src/main/core';
import { openSqlite } from '../../src/main/core/db/open';
import { silentLogger } from '../../src/main/core/logger';
import { median, round, timeRuns } from '../measure';
import { ratioOf, type BenchRow } from '../types';

const RUNS = 5;

export const startup: BenchRow = {
  id: 'core-startup',
  title: 'Core start-up on the large clinic',
  target: '< 300 ms',
  async run(ctx) {
    const ours = median(
      await timeRuns(
        async () => {
          const core = await createCore({ dataDir: ctx.dataDir, logger: silentLogger, clock: ctx.clock });
          core.close();
        },
        RUNS,
        1,
      ),
    );
    const reference = median(
      await timeRuns(
        () => {
          const sqlite = openSqlite(ctx.dbPath);
          sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
          sqlite.close();
        },
        RUNS,
        1,
      ),
    );
    const ratio = ratioOf(ours, reference);
    return {
      ours: round(ours),
      reference: round(reference),
      ratio: ratio === null ? null : round(ratio, 1),
      unit: 'ms (median, warm file cache)',
      met: ours < 300,
      note: 'ours: createCore = open + header and schema check (full quick_check only under 64 MB) + migration check + handlers; reference: open with the same pragmas + one read',
    };
  },
};
