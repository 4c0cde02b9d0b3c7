import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock, type Clock, type Core, type Transport } from './api';
import { auditLog } from './audit/log';
import { OWASP_SCRYPT, type ScryptCost } from './auth/password';
import { sessionOf, userQueries } from './auth/users';
import { drizzleFor } from './db/client';
import { defaultMigrationsFolder } from './db/locate';
import { migrateDatabase, migrationState } from './db/migrate';
import { openSqlite, type Sqlite } from './db/open';
import { Dispatcher, EventHub } from './dispatch';
import { StartupError } from './errors';
import { allHandlers } from './handlers';
import { errorFields, fileLogger, type Logger } from './logger';
import { isEmptyClinic, seedDemoClinic } from './seed/demo';
import { seedLargeClinic } from './seed/large';
import type { Services } from './services';
import { settingsStore } from './settings/store';
import { invalidateOnDataChanged, StatsMemo } from './stats/memo';

export type { Core, Connection, Clock, Transport } from './api';
export { StartupError, UserError } from './errors';

export interface CoreOptions {
  /** Folder that holds clinic.db, logs/, outbox/, exports/ and backups/. */
  dataDir: string;
  clock?: Clock;
  /** Seed the demo clinic into an empty database. */
  demo?: boolean;
  /** Electron build of better-sqlite3 (the desktop app); the Node build is used otherwise. */
  nativeBinding?: string;
  migrationsFolder?: string;
  logger?: Logger;
  /** scrypt cost; OWASP's parameters unless a test asks for a cheaper one. */
  passwordCost?: ScryptCost;
}

export const DATABASE_FILE = 'clinic.db';

function openClinicDatabase(path: string, options: CoreOptions, logger: Logger): Sqlite {
  let sqlite: Sqlite;
  try {
    sqlite = openSqlite(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    logger.log('error', 'database could not be opened', errorFields(error));
    throw new StartupError(
      'database_unreadable',
      `The clinic database at ${path} could not be opened. Check that the folder is writable and the disk is not full.`,
      { cause: error },
    );
  }
  try {
    const quick = sqlite.pragma('quick_check', { simple: true });
    if (quick !== 'ok') throw new Error(String(quick));
  } catch (error) {
    sqlite.close();
    logger.log('error', 'database failed its integrity check', errorFields(error));
    throw new StartupError(
      'database_damaged',
      `The clinic database at ${path} is damaged. It has not been changed. Restore the latest backup.`,
      { cause: error },
    );
  }
  return sqlite;
}

/**
 * Opens (creating if needed) the clinic database in `dataDir`, brings its schema up to date and
 * returns the core every front end talks to. Electron-free: the desktop app, the browser preview,
 * the CLI and the tests all run this same code.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  mkdirSync(options.dataDir, { recursive: true });
  const logger = options.logger ?? fileLogger(options.dataDir);
  const clock = options.clock ?? systemClock;
  const dbPath = join(options.dataDir, DATABASE_FILE);
  const sqlite = openClinicDatabase(dbPath, options, logger);
  const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder();
  try {
    migrateDatabase(sqlite, migrationsFolder);
  } catch (error) {
    sqlite.close();
    logger.log('error', 'database migration refused or failed', errorFields(error));
    throw error;
  }

  const settings = settingsStore(sqlite);
  const services: Services = {
    sqlite,
    db: drizzleFor(sqlite),
    clock,
    logger,
    settings,
    audit: auditLog(sqlite, clock),
    passwordCost: options.passwordCost ?? OWASP_SCRYPT,
    statsMemo: new StatsMemo(clock),
  };
  const hub = new EventHub();
  invalidateOnDataChanged(hub, services.statsMemo);
  const dispatcher = new Dispatcher(services, allHandlers(services), hub);
  const users = userQueries(sqlite);
  logger.log('info', 'core started', { dataDir: options.dataDir });

  const core: Core = {
    dataDir: options.dataDir,
    dbPath,
    get demoMode() {
      return settings.get('demo');
    },
    connect: (transport: Transport) => dispatcher.connect(transport),
    connectAs: (username: string, transport: Transport = 'cli') => {
      const user = users.byUsername(username);
      if (!user || !user.active) {
        throw new Error(`There is no active staff account named "${username}".`);
      }
      return dispatcher.connect(transport, sessionOf(user));
    },
    seedDemo: async (seedOptions = {}) => {
      const result = await seedDemoClinic(sqlite, settings, {
        passwordCost: services.passwordCost,
        ...(seedOptions.seed === undefined ? {} : { seed: seedOptions.seed }),
      });
      logger.log('info', 'demo clinic seeded');
      dispatcher.hub.broadcast('data/changed', {
        tables: ['departments', 'doctors', 'patients', 'staff_users'],
      });
      return result;
    },
    seedLarge: async (seedOptions) => {
      const result = await seedLargeClinic(sqlite, settings, {
        ...seedOptions,
        now: clock.now(),
        passwordCost: services.passwordCost,
      });
      logger.log('info', 'large clinic seeded', {
        patients: result.patients,
        doctors: result.doctors,
        appointments: result.appointments,
      });
      dispatcher.hub.broadcast('data/changed', {
        tables: [
          'appointments',
          'departments',
          'doctors',
          'patients',
          'settings',
          'staff_users',
          'treatments',
        ],
      });
      return result;
    },
    checkDatabase: () => {
      const integrity = (sqlite.pragma('integrity_check') as { integrity_check: string }[])
        .map((row) => row.integrity_check)
        .join('; ');
      const state = migrationState(sqlite, migrationsFolder);
      return {
        integrity,
        schemaVersion: state.userVersion,
        migrationsKnown: state.known,
        migrationsApplied: state.applied,
        pending: state.pending,
      };
    },
    close: () => {
      sqlite.close();
      logger.log('info', 'core closed');
    },
  };
  if (options.demo && isEmptyClinic(sqlite)) await core.seedDemo();
  return core;
}
