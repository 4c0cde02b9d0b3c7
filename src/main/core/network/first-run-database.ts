import { rmdirSync, rmSync } from 'node:fs';
import type { Logger } from '../logger';
import type { NetworkJoiner } from './host-control';

/**
 * A PC joins a clinic's host from its first-run screen, before anyone is set up on it (joining is
 * refused once staff exist), with the empty database that first run opened. Paired, it never opens
 * that database again. This notes that the join succeeded, so that the core, closing for the
 * restart, can remove the database it knows is still empty: a client's data folder then holds no
 * `clinic.db` for anyone to take for the clinic's, back up or restore.
 */
export function joinWatch(joiner: NetworkJoiner | null): { joiner: NetworkJoiner | null; joined(): boolean } {
  let joined = false;
  return {
    joiner: joiner && {
      probe: (address) => joiner.probe(address),
      join: async (input) => {
        await joiner.join(input);
        joined = true;
      },
    },
    joined: () => joined,
  };
}

/**
 * Removes the closed first-run database (its write-ahead files too, if any) and the backups folder
 * beside it when that holds nothing; a backups folder with any file in it stays as it is.
 */
export function removeFirstRunDatabase(dbPath: string, backupsFolder: string, logger: Logger): void {
  for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) rmSync(file, { force: true });
  try {
    rmdirSync(backupsFolder);
  } catch {
    // not there, or not empty: either way nothing to remove
  }
  logger.log('info', "first run's empty database removed: this PC is now a client of the clinic host");
}
