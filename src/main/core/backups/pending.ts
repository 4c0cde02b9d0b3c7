import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditLog } from '../audit/log';
import { errorFields, type Logger } from '../logger';
import type { SettingsStore } from '../settings/store';
import { restoreDatabase, type RestoreResult } from './restore';

const MARKER = 'restore-pending.json';

/**
 * A restore asked for from inside the running app cannot swap the database under its own open
 * connection, so it is recorded here and carried out by the next start, before the database is
 * opened. The host (desktop shell or preview) restarts the core right after the request.
 */
export function requestRestore(dataDir: string, source: string, requestedAt: number): void {
  writeFileSync(join(dataDir, MARKER), JSON.stringify({ source, requestedAt }));
}

export type PendingRestoreOutcome =
  { state: 'none' } | { state: 'restored'; result: RestoreResult } | { state: 'failed'; message: string };

export function applyPendingRestore(options: {
  dataDir: string;
  migrationsFolder: string;
  stamp: string;
  logger: Logger;
  nativeBinding?: string;
}): PendingRestoreOutcome {
  const marker = join(options.dataDir, MARKER);
  if (!existsSync(marker)) return { state: 'none' };
  try {
    const { source } = JSON.parse(readFileSync(marker, 'utf8')) as { source: string };
    const result = restoreDatabase({ ...options, source });
    options.logger.log('info', 'database restored from a backup', { safetyCopy: result.safetyCopy !== null });
    return { state: 'restored', result };
  } catch (error) {
    options.logger.log('error', 'pending restore failed; the current database was kept', errorFields(error));
    return { state: 'failed', message: error instanceof Error ? error.message : 'The restore failed.' };
  } finally {
    rmSync(marker, { force: true });
  }
}

/**
 * Writes down what the pending restore did, once the restored database is open: a restore goes
 * into the audit trail and clears the last error; a failed one leaves its sentence for the
 * Backups screen.
 */
export function recordRestoreOutcome(
  outcome: PendingRestoreOutcome,
  { settings, audit }: { settings: Pick<SettingsStore, 'set'>; audit: Pick<AuditLog, 'record'> },
): void {
  if (outcome.state === 'restored') {
    settings.set('lastRestoreError', null);
    audit.record(
      { userId: null, username: 'system' },
      {
        action: 'restore',
        entity: 'database',
        summary: 'Database restored from a backup; the previous one kept as a safety copy',
      },
    );
  } else if (outcome.state === 'failed') {
    settings.set('lastRestoreError', outcome.message);
  }
}
