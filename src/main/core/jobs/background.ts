import type {
  ExportItem,
  JobFinished,
  JobName,
  JobOverview,
  JobRunSummary,
  MailDelivery,
  OutboxItem,
} from '../../../shared/dto/jobs';
import type { AuditLog } from '../audit/log';
import type { Sqlite } from '../db/open';
import type { EventHub } from '../events';
import type { Clock, DesktopIntegration, Notifier, SecretStore } from '../host';
import type { Logger } from '../logger';
import type { SettingsStore } from '../settings/store';
import { errorFields } from '../logger';
import { describeDelivery, resolveDelivery, type DeliveryTarget } from '../mail/delivery';
import { createOutbox, toOutboxItem, type Outbox } from '../outbox/outbox';
import { createRelay, type Relay, type RelayRunResult } from '../outbox/relay';
import { createMailPassword, type MailPassword } from '../mail/password';
import { mailSettingsStore, type MailSettingsStore } from '../mail/settings';
import { SYSTEM_ACTOR } from './context';
import { createExportService, exportsFolder, type ExportService } from '../exports/service';
import { jobRuns } from './runs';
import { createJobScheduler, type JobScheduler } from './scheduler';

/** The part of the core's services the background uses, and nothing more. */
export interface BackgroundDeps {
  sqlite: Sqlite;
  clock: Clock;
  logger: Logger;
  settings: SettingsStore;
  audit: AuditLog;
}

export interface BackgroundOptions {
  dataDir: string;
  dbPath: string;
  nativeBinding?: string | undefined;
  exportWorker: string;
  secretStore: SecretStore;
  notifier: Notifier;
  desktop?: DesktopIntegration | undefined;
  env: NodeJS.ProcessEnv;
}

/** The jobs side of the core: outbox, relay, scheduler and exports, wired once. */
export interface Background {
  outbox: Outbox;
  relay: Relay;
  mailSettings: MailSettingsStore;
  secrets: SecretStore;
  /** Whether the stored SMTP password still decrypts on this PC. */
  mailPassword: MailPassword;
  scheduler: JobScheduler;
  exports: ExportService;
  desktop: DesktopIntegration | undefined;
  dataDir: string;
  deliveryTarget(): DeliveryTarget;
  delivery(): MailDelivery;
  /** True once `start` armed the timers (app and preview; not the CLI or tests). */
  started(): boolean;
  start(): void;
  close(): void;
}

/** The part of the background the front ends (shell tray, CLI) drive directly. */
export interface CoreJobs {
  checkNow(): Promise<JobRunSummary[]>;
  run(job: JobName, period?: string): Promise<JobRunSummary>;
  overview(): JobOverview[];
  lastResults(): Record<JobName, JobRunSummary | null>;
  onFinished(listener: (event: JobFinished) => void): () => void;
  sendOutbox(): Promise<RelayRunResult>;
  listOutbox(limit: number): OutboxItem[];
  exportHistory(patientNumber: string, out?: string): Promise<ExportItem>;
  exportRange(from: string, to: string, out?: string): Promise<ExportItem>;
  /** Resolves when the export's worker is done (or at once when it is not running). */
  waitExport(id: number): Promise<ExportItem>;
  delivery(): MailDelivery;
}

export function createBackground(
  services: BackgroundDeps,
  hub: EventHub,
  options: BackgroundOptions,
): { background: Background; jobs: CoreJobs } {
  const { sqlite, clock, logger, settings, audit } = services;
  const outbox = createOutbox(sqlite, clock);
  const mailSettings = mailSettingsStore(sqlite);
  const listeners = new Set<(event: JobFinished) => void>();
  let started = false;

  const announce = (event: JobFinished) => {
    hub.broadcast('jobs/finished', event);
    try {
      options.notifier.notify(event.title, event.message);
    } catch (error) {
      logger.log('warn', 'notification failed', errorFields(error));
    }
    for (const listener of listeners) listener(event);
  };
  const changed = (...tables: string[]) => hub.broadcast('data/changed', { tables: [...tables].sort() });

  const deliveryTarget = () =>
    resolveDelivery({
      env: options.env,
      smtp: mailSettings.smtp(),
      dataDir: options.dataDir,
      clinicName: settings.get('clinicName'),
    });
  const mailPassword = createMailPassword(options.secretStore, logger);
  const relay = createRelay({
    outbox,
    clock,
    logger,
    target: deliveryTarget,
    attachmentsFolder: exportsFolder(options.dataDir),
    revealPassword: (cipher) => mailPassword.reveal(cipher),
    onChange: () => changed('email_outbox'),
  });
  const runs = jobRuns(sqlite);
  const scheduler = createJobScheduler({
    context: { sqlite, outbox, clock, logger, settings, audit },
    runs,
    mailSettings,
    afterRun: () => {
      relay.kick();
      changed('job_runs', 'email_outbox', 'monthly_reports');
    },
    announce,
  });
  const exports = createExportService({
    sqlite,
    dbPath: options.dbPath,
    dataDir: options.dataDir,
    nativeBinding: options.nativeBinding,
    workerEntry: options.exportWorker,
    clock,
    logger,
    audit,
    settings,
    outbox,
    progress: (event) => hub.broadcast('jobs/progress', event),
    announce,
    changed,
    afterQueue: () => relay.kick(),
  });

  const background: Background = {
    outbox,
    relay,
    mailSettings,
    secrets: options.secretStore,
    scheduler,
    exports,
    desktop: options.desktop,
    dataDir: options.dataDir,
    deliveryTarget,
    mailPassword,
    delivery: () => {
      const target = deliveryTarget();
      return describeDelivery(
        target,
        target.mode === 'smtp' ? mailPassword.problem(target.passwordCipher) : null,
      );
    },
    started: () => started,
    start: () => {
      started = true;
      exports.recoverInterrupted();
      relay.start();
      scheduler.start();
    },
    close: () => {
      scheduler.stop();
      relay.close();
      exports.close();
    },
  };

  const patientByNumber = sqlite.prepare<[string], { id: number }>(
    'SELECT id FROM patients WHERE patient_number = ?',
  );
  const jobs: CoreJobs = {
    checkNow: () => scheduler.checkNow(),
    run: (job, period) => scheduler.run(job, period),
    overview: () => scheduler.overview(),
    lastResults: () => scheduler.lastResults(),
    onFinished: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    sendOutbox: () => relay.sendDue(),
    listOutbox: (limit) => outbox.list({ limit }).map(toOutboxItem),
    exportHistory: async (patientNumber, out) => {
      const patient = patientByNumber.get(patientNumber.trim().toUpperCase());
      if (!patient) throw new Error(`There is no patient with number ${patientNumber}.`);
      const id = exports.startHistory(patient.id, SYSTEM_ACTOR, out);
      return exports.wait(id);
    },
    exportRange: async (from, to, out) => {
      const id = exports.startRange(from, to, SYSTEM_ACTOR, out);
      return exports.wait(id);
    },
    waitExport: (id) => exports.wait(id),
    delivery: () => background.delivery(),
  };
  return { background, jobs };
}
