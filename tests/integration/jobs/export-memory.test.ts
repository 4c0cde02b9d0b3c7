import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../../src/main/core/db/open';
import { defaultExportWorkerPath } from '../../../src/main/core/exports/spawn';
import type { ExportWorkerMessage } from '../../../src/main/core/exports/worker';
import { startWorker } from '../../../src/main/core/workers/start';
import { tempCore, type TempCore } from '../../support/temp-core';

/**
 * The export worker streams: it holds one chunk of rows at a time and writes it synchronously
 * before reading more (the back-pressure), so a heap far smaller than the export still does.
 */
describe('the export worker in a small heap', () => {
  let t: TempCore;
  let rows: number;
  beforeAll(async () => {
    t = await tempCore();
    await t.core.seedLarge({ patients: 1500, doctors: 4, years: 2, seed: 11 });
    const db = openSqlite(t.core.dbPath, { readonly: true });
    rows = db.prepare<[], number>('SELECT count(*) FROM appointments').pluck().get() ?? 0;
    db.close();
  }, 300_000);
  afterAll(() => t.cleanup());

  it('exports every appointment with a heap limit of 16 MB', async () => {
    const file = join(t.dataDir, 'all.csv');
    const worker = startWorker(
      defaultExportWorkerPath(),
      {
        dbPath: t.core.dbPath,
        file,
        query: { kind: 'range', start: 0, end: Number.MAX_SAFE_INTEGER },
        timeZone: 'Europe/London',
        chunkRows: 1000,
      },
      { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
    );
    const done = await new Promise<ExportWorkerMessage>((resolve, reject) => {
      worker.on('message', (message: ExportWorkerMessage) => {
        if (message.type !== 'progress') resolve(message);
      });
      worker.on('error', reject);
    });
    await worker.terminate();
    expect(rows).toBeGreaterThan(10_000);
    expect(done).toEqual({ type: 'done', rows });
    expect(readFileSync(file, 'utf8').split('\r\n').length).toBeGreaterThanOrEqual(rows + 1);
  });
});
