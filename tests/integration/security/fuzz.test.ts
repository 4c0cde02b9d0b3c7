import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/main/core/seed/random';
import { CHANNEL_NAMES } from '../../../src/shared/contract';
import { ERROR_CODES } from '../../../src/shared/result';
import { ROLES } from '../../../src/shared/roles';
import { mutate, randomJson } from '../../support/sample-inputs';
import { tempCore, type TempCore } from '../../support/temp-core';

const PAYLOADS_PER_CALLER = 25;
/** Refusals that must leave the database exactly as it was. */
const REJECTIONS = new Set(['invalid_input', 'unauthenticated', 'forbidden', 'unknown_channel']);
const demoUser = { admin: 'admin', reception: 'reception', doctor: 'dr.fernandez' } as const;

describe('fuzzing every contract channel', () => {
  let t: TempCore;
  /**
   * The database's bytes, cheaply: every write lands in the WAL first and only a committed write
   * can checkpoint into the main file (which would change its mtime), so the WAL's hash plus the
   * main file's size and mtime change whenever any byte does. The main file is hashed in full at
   * the start and the end as well.
   */
  const fileHash = () => {
    const wal = `${t.core.dbPath}-wal`;
    const main = statSync(t.core.dbPath, { bigint: true });
    const walHash = existsSync(wal) ? createHash('sha256').update(readFileSync(wal)).digest('hex') : 'none';
    return `${main.size}:${main.mtimeNs}:${walHash}`;
  };
  const fullHash = () => createHash('sha256').update(readFileSync(t.core.dbPath)).digest('hex');

  beforeAll(async () => {
    t = await tempCore({ demo: true });
    // Fold the seeding's WAL into the main file so hashing both per call stays cheap.
    const db = new Database(t.core.dbPath);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  });
  afterAll(() => t.cleanup());

  it(
    'answers thousands of malformed payloads with typed errors and changes nothing on refusal',
    { timeout: 600_000 },
    async () => {
      const random = seededRandom(4242);
      let wrote = false;
      const startHash = fullHash();
      let calls = 0;
      let rejected = 0;
      const unhandled: unknown[] = [];
      const onUnhandled = (error: unknown) => unhandled.push(error);
      process.on('unhandledRejection', onUnhandled);
      try {
        for (const channel of CHANNEL_NAMES) {
          const callers = [null, ...ROLES] as const;
          for (const role of callers) {
            const connection =
              role === null ? t.core.connect('test') : t.core.connectAs(demoUser[role], 'test');
            for (let i = 0; i < PAYLOADS_PER_CALLER; i++) {
              const payload = i % 2 === 0 ? randomJson(random) : mutate(random, randomJson(random, 1));
              const before = fileHash();
              const result = await connection.callUnknown(channel, payload);
              calls++;
              expect(typeof result.ok).toBe('boolean');
              if (result.ok || !REJECTIONS.has(result.error.code)) wrote = true;
              if (result.ok) continue;
              expect(ERROR_CODES).toContain(result.error.code);
              expect(typeof result.error.message).toBe('string');
              expect(result.error.message).not.toMatch(/\n\s+at |\.ts:\d+|node_modules/);
              if (REJECTIONS.has(result.error.code)) {
                rejected++;
                expect(fileHash(), `${channel} as ${role ?? 'signed-out'} changed the database`).toBe(before);
              }
            }
          }
        }
        // Unknown channels too.
        const admin = t.core.connectAs('admin', 'test');
        for (const name of ['patients/drop', 'auth', '', 'auth/login/extra', '../patients/list']) {
          expect(await admin.callUnknown(name, {})).toMatchObject({
            ok: false,
            error: { code: 'unknown_channel' },
          });
        }
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
      expect(unhandled).toEqual([]);
      if (!wrote) expect(fullHash()).toBe(startHash);
      expect(calls).toBeGreaterThanOrEqual(CHANNEL_NAMES.length * 4 * PAYLOADS_PER_CALLER);
      expect(rejected).toBeGreaterThan(calls * 0.8);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    },
  );
});
