import type { DataFolderChange, thisPcChannels } from '../../../shared/channels/thisPc';
import { join } from 'node:path';
import { actorOf } from '../audit/actor';
import { auditLog, type AuditActor } from '../audit/log';
import { openSqlite } from '../db/open';
import { errorFields } from '../logger';
import { UserError } from '../errors';
import { requireSession, type DomainHandlers } from '../handler';
import type { DataFolderHost, Transport } from '../host';
import { copyDataFolder, repointExports } from './move';
import {
  CLIENT_PC,
  databaseBytes,
  environmentWins,
  moveProblem,
  NOT_THE_DESKTOP_APP,
  openProblem,
  realDisk,
} from './rules';

/**
 * Settings › This PC › Data folder. The choice is this PC's, not the clinic's: it is stored by the
 * desktop shell in its per-PC settings file (`DataFolderHost`), never in SQLite, and only a window
 * of the desktop app on this PC may change it: not the preview, the CLI or another PC.
 */
export const thisPcHandlers: DomainHandlers<typeof thisPcChannels> = (services) => {
  const { dataDir, dataFolder, audit, sqlite, backups, host, logger, nativeBinding } = services;

  const lockedFor = (transport: Transport): string | null => {
    if (transport === 'network') return CLIENT_PC;
    if (!dataFolder || transport !== 'ipc') return NOT_THE_DESKTOP_APP;
    return dataFolder.source() === 'environment' ? environmentWins(dataDir) : null;
  };
  const changeable = (transport: Transport): DataFolderHost => {
    const locked = lockedFor(transport);
    if (locked || !dataFolder) throw new UserError('conflict', locked ?? NOT_THE_DESKTOP_APP);
    return dataFolder;
  };
  /** The copied database: its export paths pointed at the new folder, and the move's audit entry. */
  const finishCopy = (target: string, actor: AuditActor, summary: string) => {
    const copy = openSqlite(join(target, 'clinic.db'), nativeBinding ? { nativeBinding } : {});
    try {
      repointExports(copy, dataDir, target);
      auditLog(copy, services.clock).record(actor, { action: 'move', entity: 'data_folder', summary });
    } finally {
      copy.close();
    }
  };
  const refuse = (purpose: 'move' | 'open', problem: string): never => {
    logger.log('info', 'data folder change refused', { purpose });
    throw new UserError('conflict', problem);
  };
  /**
   * Stores the choice (undoing a move's copy if that fails), notes it in the audit trail of the
   * database left behind, and restarts after answering. The old folder is never touched.
   */
  const switchTo = async (
    change: { purpose: 'move' | 'open'; chosen: DataFolderHost; folder: string; actor: AuditActor },
    summary: string,
    undo: () => Promise<void>,
  ): Promise<DataFolderChange> => {
    try {
      change.chosen.storeChoice(change.folder);
    } catch (error) {
      logger.log('error', 'data folder choice not stored', errorFields(error));
      await undo();
      return refuse(
        change.purpose,
        'Nothing was changed: Clinic Desk could not save the choice in its settings file on this PC.',
      );
    }
    audit.record(change.actor, { action: change.purpose, entity: 'data_folder', summary });
    // Answer first; the shell then quits and starts again on the new folder.
    setImmediate(() => host.requestRestart('data-folder'));
    return { outcome: 'restarting', folder: change.folder, previousFolder: dataDir };
  };

  return {
    'thisPc/dataFolder': (_input, ctx) => {
      if (ctx.transport === 'network')
        return { folder: null, source: null, locked: CLIENT_PC, databaseBytes: null };
      return {
        folder: dataDir,
        source: dataFolder && ctx.transport === 'ipc' ? dataFolder.source() : null,
        locked: lockedFor(ctx.transport),
        databaseBytes: databaseBytes(dataDir),
      };
    },
    'thisPc/moveDataFolder': async (_input, ctx) => {
      const actor = actorOf(requireSession(ctx));
      const chosen = changeable(ctx.transport);
      const target = await chosen.pickFolder('move');
      if (target === null) return { outcome: 'cancelled' };
      const problem = moveProblem(target, dataDir, realDisk);
      if (problem) return refuse('move', problem);
      const undo = await copyDataFolder({ sqlite, backups, from: dataDir, to: target });
      // The copy is complete and checked; each database now says where the data went.
      try {
        finishCopy(target, actor, `Data copied here from ${dataDir} on this PC`);
      } catch (error) {
        logger.log('error', 'moved database not writable', errorFields(error));
        await undo();
        return refuse('move', `Nothing was moved: the copy in ${target} could not be opened for writing.`);
      }
      return switchTo(
        { purpose: 'move', chosen, folder: target, actor },
        `Data copied to ${target}, which this PC uses from now on; this folder is left in place`,
        undo,
      );
    },
    'thisPc/openDataFolder': async (_input, ctx) => {
      const actor = actorOf(requireSession(ctx));
      const chosen = changeable(ctx.transport);
      const target = await chosen.pickFolder('open');
      if (target === null) return { outcome: 'cancelled' };
      const problem = await openProblem(target, dataDir, backups.verify);
      if (problem) return refuse('open', problem);
      return switchTo(
        { purpose: 'open', chosen, folder: target, actor },
        `This PC switched to the clinic database in ${target}; this folder is left in place`,
        () => Promise.resolve(),
      );
    },
  };
};
