import type { backupChannels } from '../../../shared/channels/backups';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupSummary } from '../../../shared/channels/backups';
import { UserError } from '../errors';
import { requireSession, type DomainHandlers } from '../handler';
import { requestRestore } from './pending';
import { outboxRestoreProblem } from './restore';

const TWO_DAYS = 2 * 24 * 60 * 60 * 1000;

export const backupHandlers: DomainHandlers<typeof backupChannels> = (services) => {
  const { backups, settings, clock, audit, host, dataDir } = services;
  const summary = (f: {
    name: string;
    kind: 'daily' | 'monthly';
    bytes: number;
    modifiedAt: number;
  }): BackupSummary => ({
    name: f.name,
    kind: f.kind,
    bytes: f.bytes,
    modifiedAt: new Date(f.modifiedAt).toISOString(),
  });
  return {
    'backups/list': () => {
      const last = settings.get('lastBackupAt');
      return {
        folder: backups.dir,
        lastBackupAt: last === null ? null : new Date(last).toISOString(),
        stale: last === null || clock.now().getTime() - last > TWO_DAYS,
        backups: backups.list().map(summary),
        lastRestoreError: settings.get('lastRestoreError'),
      };
    },
    'backups/run': async (_input, ctx) => {
      const session = requireSession(ctx);
      const result = await backups.runDaily();
      const file = backups.list().find((f) => f.path === result.file);
      if (!file) throw new Error('The backup just written is not in the backups folder.');
      audit.record(session, {
        action: 'backup',
        entity: 'database',
        summary: `Backup ${file.name} written and verified`,
      });
      ctx.changed('settings');
      return summary(file);
    },
    'backups/restore': async (input, ctx) => {
      const session = requireSession(ctx);
      const source = join(backups.dir, input.name);
      if (!existsSync(source))
        throw new UserError('not_found', 'That backup is no longer in the backups folder.');
      // Integrity and the exact schema (verify.ts, in the check worker), then the outbox rows.
      const check = await backups.verify(source);
      const problem = check.ok ? outboxRestoreProblem(source, dataDir) : check.message;
      if (problem) {
        services.logger.log('warn', 'restore refused', { backup: input.name });
        throw new UserError('conflict', `That backup cannot be restored: ${problem}`);
      }
      audit.record(session, {
        action: 'restore-requested',
        entity: 'database',
        summary: `Restore of ${input.name} requested; the current database is kept as a safety copy`,
      });
      requestRestore(dataDir, source, clock.now().getTime());
      // Answer first; the host restarts the core (and so carries out the restore) right after.
      setImmediate(() => host.requestRestart('restore'));
      return { restarting: true };
    },
  };
};
