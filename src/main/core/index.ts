import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from './api';
import {
  systemClock,
  type Clock,
  type CoreHost,
  type DataFolderHost,
  type DesktopIntegration,
  type Notifier,
  type SecretStore,
  type Transport,
} from './host';
import { auditLog } from './audit/log';
import { backupService, backupsDir } from './backups/backups';
import { dailyBackups } from './backups/daily';
import { applyPendingRestore, recordRestoreOutcome } from './backups/pending';
import { OWASP_SCRYPT, type ScryptCost } from './auth/password';
import { sessionOf, userQueries } from './auth/users';
import { defaultMigrationsFolder } from './db/locate';
import { Dispatcher } from './dispatch';
import { EventHub } from './events';
import { allHandlers } from './handlers';
import { fileLogger, type Logger } from './logger';
import { isEmptyClinic, seedDemoClinic } from './seed/demo';
import type { Services } from './services';
import { settingsStore } from './settings/store';
import { createBackground } from './jobs/background';
import { defaultExportWorkerPath } from './exports/spawn';
import { unavailableSecretStore } from './mail/secret-store';
import { checkDatabase, migrateClinicDatabase, openClinicDatabase } from './startup';
import { defaultImportWorkerPath, importService } from './imports/service';
import { seedLargeClinic } from './seed/large';
import { hostCertificate } from './network/certificate';
import { noNetworkHost, type NetworkHostControl, type NetworkJoiner } from './network/host-control';
import { DeviceRegistry } from './network/pairing';
import { joinWatch, removeFirstRunDatabase } from './network/first-run-database';
import { invalidateOnDataChanged, StatsMemo } from './stats/memo';

export type { Core, Connection, EventListener } from './api';
export type {
  Clock,
  CoreHost,
  DataFolderHost,
  DesktopIntegration,
  Notifier,
  SecretStore,
  Transport,
} from './host';
export { systemClock } from './host';
export type { CoreJobs } from './jobs/background';
export type { NetworkHostControl, NetworkHostState, NetworkJoiner } from './network/host-control';
export { networkDir, storedFingerprint, type HostCertificate } from './network/certificate';
export type { PairedDevice } from './network/pairing';
export { StartupError, UserError } from './errors';

export interface CoreOptions {
  /** Folder that holds clinic.db, logs/, outbox/, exports/ and backups/. */
  dataDir: string;
  clock?: Clock;
  /** Seed the demo clinic into an empty database; 'without-visits' leaves its diary empty. */
  demo?: boolean | 'without-visits';
  /** Electron build of better-sqlite3 (the desktop app); the Node build is used otherwise. */
  nativeBinding?: string;
  migrationsFolder?: string;
  logger?: Logger;
  /** Restarts the core on request (restore from the app); the CLI leaves it out. */
  host?: CoreHost;
  /** scrypt cost; OWASP's parameters unless a test asks for a cheaper one. */
  passwordCost?: ScryptCost;
  /** Arm the scheduler and the outbox relay (the app and the preview); the CLI and tests drive them. */
  runBackgroundJobs?: boolean;
  /** Tells the person at the desk a job finished; the preview's default writes to the log. */
  notifier?: Notifier;
  /** Encrypts the SMTP password (Electron safeStorage); without one a password is refused. */
  secretStore?: SecretStore;
  /** Folder reveal and PDF printing, which only the desktop shell can do. */
  desktop?: DesktopIntegration;
  /** Export worker entry; next to the core's source or bundle by default. */
  exportWorker?: string;
  /** Import worker entry; next to the core's source or bundle by default. */
  importWorker?: string;
  /** Where CLINIC_DESK_SMTP_URL is read from; process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** The server that lets the clinic's other PCs in (desktop app, `cli network host`); none otherwise. */
  networkHost?: NetworkHostControl;
  /** First-run pairing with another PC's host (the desktop shell); refused without one. */
  networkJoiner?: NetworkJoiner;
  /** Settings › This PC › Data folder (the desktop shell); elsewhere the panel explains why not. */
  dataFolder?: DataFolderHost;
}

export const DATABASE_FILE = 'clinic.db';

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
  const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder();
  const pending = applyPendingRestore({
    dataDir: options.dataDir,
    migrationsFolder,
    stamp: clock.now().toISOString().replace(/[:.]/g, '-'),
    logger,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  const sqlite = openClinicDatabase(dbPath, options, logger, migrationsFolder);
  migrateClinicDatabase(sqlite, migrationsFolder, logger);

  const settings = settingsStore(sqlite);
  const backups = backupService({
    sqlite,
    dataDir: options.dataDir,
    migrationsFolder,
    clock,
    settings,
    logger,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  const base = {
    sqlite,
    clock,
    logger,
    settings,
    audit: auditLog(sqlite, clock),
    passwordCost: options.passwordCost ?? OWASP_SCRYPT,
    dataDir: options.dataDir,
    migrationsFolder,
    nativeBinding: options.nativeBinding,
    backups,
    host: options.host ?? {
      requestRestart: () => logger.log('warn', 'restart requested but this program cannot restart'),
    },
    statsMemo: new StatsMemo(clock),
  };
  recordRestoreOutcome(pending, base);
  const hub = new EventHub();
  invalidateOnDataChanged(hub, base.statsMemo);
  const notifier = options.notifier ?? {
    notify: (title: string, body: string) => logger.log('info', 'notification', { title, body }),
  };
  const daily = dailyBackups({
    backups,
    settings,
    clock,
    logger,
    onFailure: (message) => notifier.notify('Backup failed', message),
    onSuccess: () => hub.announce(['settings']),
  });
  const joining = joinWatch(options.networkJoiner ?? null);
  const network = {
    devices: new DeviceRegistry(sqlite, clock, base.audit),
    host: options.networkHost ?? noNetworkHost,
    joiner: joining.joiner,
  };
  const imports = importService({
    dataDir: options.dataDir,
    dbPath,
    nativeBinding: options.nativeBinding,
    workerEntry: options.importWorker ?? defaultImportWorkerPath(),
    settings,
    clock,
    logger,
    progress: (event) => hub.broadcast('imports/progress', event),
  });
  const { background, jobs } = createBackground(base, hub, {
    dataDir: options.dataDir,
    dbPath,
    nativeBinding: options.nativeBinding,
    exportWorker: options.exportWorker ?? defaultExportWorkerPath(),
    secretStore: options.secretStore ?? unavailableSecretStore,
    notifier,
    desktop: options.desktop,
    env: options.env ?? process.env,
  });
  const services: Services = {
    ...base,
    background,
    network,
    imports,
    dataFolder: options.dataFolder ?? null,
  };
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
    backups,
    seedDemo: async (seedOptions = {}) => {
      const result = await seedDemoClinic(sqlite, settings, {
        passwordCost: services.passwordCost,
        now: clock.now().getTime(),
        visits: options.demo !== 'without-visits',
        ...(seedOptions.seed === undefined ? {} : { seed: seedOptions.seed }),
      });
      logger.log('info', 'demo clinic seeded');
      dispatcher.hub.announce([
        'appointments',
        'departments',
        'doctors',
        'patients',
        'staff_users',
        'treatments',
      ]);
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
      dispatcher.hub.announce([
        'appointments',
        'departments',
        'doctors',
        'patients',
        'settings',
        'staff_users',
        'treatments',
      ]);
      return result;
    },
    checkDatabase: () => checkDatabase(sqlite, migrationsFolder),
    jobs,
    network: {
      hosting: () => ({ enabled: settings.get('networkHosting'), port: settings.get('networkPort') }),
      certificate: () => hostCertificate(options.dataDir, clock.now()),
      pair: (code, deviceName) => {
        const paired = network.devices.pair(code, deviceName);
        dispatcher.hub.announce(['network_devices']);
        return paired;
      },
      authenticate: (credential) => network.devices.authenticate(credential),
    },
    imports,
    close: () => {
      daily.stop();
      background.close();
      // Paired with a host from the first-run screen: this PC's own database was never used, and
      // is removed only if it still holds no clinic (no staff, patient or doctor) as it closes.
      const unused = joining.joined() && isEmptyClinic(sqlite);
      sqlite.close();
      if (unused) removeFirstRunDatabase(dbPath, backupsDir(options.dataDir), logger);
      logger.log('info', 'core closed');
    },
  };
  if (options.demo && isEmptyClinic(sqlite)) await core.seedDemo();
  if (options.runBackgroundJobs) {
    background.start();
    daily.start();
  }
  return core;
}

// The core's public entry: the shell, the preview and the CLI import only from here.
export { dataDirSource, defaultDataDir, resolveDataDir } from './data-dir';
export { PC_SETTINGS_NAME, pcSettingsSchema, type PcSettings } from './pc-settings';
export { errorFields, fileLogger, type Logger } from './logger';
export { defaultMigrationsFolder } from './db/locate';
export { requestRestore } from './backups/pending';
export { recordRestore, restoreDatabase } from './backups/restore';
export { isDatabaseInUse } from './backups/in-use';
