import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type {
  DateOrder,
  ImportInspection,
  ImportMapping,
  ImportProgress,
  ImportSummary,
} from '../../../shared/dto/imports';
import type { Clock } from '../host';
import type { AuditActor } from '../audit/log';
import { UserError } from '../errors';
import { startWorker, workerEntryPath } from '../workers/start';
import type { Logger } from '../logger';
import type { SettingsStore } from '../settings/store';
import { MAX_IMPORT_BYTES } from './decode';
import type { ImportWorkerInput, ImportWorkerMessage } from './worker';

/** The worker entry: next to this file from source, `import-worker.js` next to the main bundle. */
/**
 * The import worker's heap: a young generation of 64 MB instead of V8's default 16 MB semi-spaces.
 * A 200,000-row import makes a dozen short-lived objects and strings per row; with the small
 * default most of them were still reachable at each scavenge and got copied (garbage collection
 * was a sixth of the import's CPU time, docs/performance.md).
 */
const IMPORT_LIMITS = { maxYoungGenerationSizeMb: 64 };

export function defaultImportWorkerPath(): string {
  return workerEntryPath(import.meta.url, 'worker.ts', 'import-worker.js');
}

export interface ImportServiceDeps {
  dataDir: string;
  dbPath: string;
  nativeBinding?: string | undefined;
  workerEntry: string;
  settings: SettingsStore;
  clock: Clock;
  logger: Logger;
  progress: (event: ImportProgress) => void;
}

export interface ImportRequest {
  mapping: ImportMapping;
  dateOrder: DateOrder | null;
  dryRun: boolean;
  actor: AuditActor;
}

export const uploadsFolder = (dataDir: string) => join(dataDir, 'imports');

/** An upload left behind (the window closed mid-way) is removed after a day. */
const STALE_UPLOAD_MS = 24 * 60 * 60_000;

/**
 * Patient import: files arrive in chunks into `<data>/imports/<id>.csv` (the preview takes at
 * most 1 MB per request), then the worker inspects, dry-runs or imports them.
 */
export function importService(deps: ImportServiceDeps) {
  const folder = uploadsFolder(deps.dataDir);
  const fileOf = (uploadId: string) => {
    const file = join(folder, `${uploadId}.csv`);
    if (!/^[a-f0-9]{32}$/.test(uploadId) || !existsSync(file))
      throw new UserError('not_found', 'That file is no longer here. Choose the file again.');
    return file;
  };

  const inWorker = <T>(input: ImportWorkerInput, onProgress: (rows: number, fraction: number) => void) =>
    new Promise<T>((resolve, reject) => {
      const worker = startWorker(
        deps.workerEntry,
        input,
        input.mode === 'import' ? IMPORT_LIMITS : undefined,
      );
      let settled = false;
      const settle = (action: () => void) => {
        if (settled) return;
        settled = true;
        action();
        void worker.terminate();
      };
      worker.on('message', (message: ImportWorkerMessage) => {
        if (message.type === 'progress') onProgress(message.rows, message.fraction);
        else if (message.type === 'inspected') settle(() => resolve(message.inspection as T));
        else if (message.type === 'done')
          settle(() => resolve({ summary: message.summary, mapping: message.mapping } as T));
        else if (message.type === 'refused')
          settle(() => reject(new UserError('invalid_input', message.message)));
        else settle(() => reject(new Error(message.message)));
      });
      worker.on('error', (error) => settle(() => reject(error)));
      worker.on('exit', (code) =>
        settle(() => reject(new Error(`the import stopped unexpectedly (code ${code})`))),
      );
    });

  const sweep = () => {
    if (!existsSync(folder)) return;
    const cutoff = deps.clock.now().getTime() - STALE_UPLOAD_MS;
    for (const name of readdirSync(folder)) {
      const file = join(folder, name);
      if (statSync(file).mtimeMs < cutoff) rmSync(file, { force: true });
    }
  };

  const remembered = () => ({
    mapping: deps.settings.get('importMapping'),
    dateOrder: deps.settings.get('importDateOrder'),
  });

  /** Without a mapping, the worker uses the mapping step's choice and says which it was. */
  const importFile = (
    file: string,
    request: Omit<ImportRequest, 'mapping'> & { mapping: ImportMapping | null },
    onProgress: (rows: number, fraction: number) => void,
  ) =>
    inWorker<{ summary: ImportSummary; mapping: ImportMapping }>(
      {
        mode: 'import',
        file,
        dbPath: deps.dbPath,
        ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}),
        ...request,
        ...(request.mapping === null ? { remembered: remembered() } : {}),
        now: deps.clock.now().getTime(),
        timeZone: deps.settings.get('timeZone'),
      },
      onProgress,
    );

  return {
    /** Appends a chunk to an upload (a new one when no id is given); returns its id and size. */
    stage(uploadId: string | undefined, chunk: Buffer): { uploadId: string; bytes: number } {
      mkdirSync(folder, { recursive: true });
      if (uploadId === undefined) sweep();
      const id = uploadId ?? randomBytes(16).toString('hex');
      const file = uploadId === undefined ? join(folder, `${id}.csv`) : fileOf(id);
      const size = existsSync(file) ? statSync(file).size : 0;
      if (size + chunk.length > MAX_IMPORT_BYTES)
        throw new UserError(
          'invalid_input',
          'The file is larger than 200 MB; a patient list is far smaller.',
        );
      appendFileSync(file, chunk);
      return { uploadId: id, bytes: size + chunk.length };
    },

    async inspect(uploadId: string): Promise<ImportInspection> {
      const inspection = await inWorker<Omit<ImportInspection, 'uploadId'>>(
        { mode: 'inspect', file: fileOf(uploadId), remembered: remembered() },
        () => undefined,
      );
      return { uploadId, ...inspection };
    },

    /** Dry run or import of a staged upload; a real import remembers the mapping and drops the file. */
    async run(uploadId: string, request: ImportRequest): Promise<ImportSummary> {
      const file = fileOf(uploadId);
      const { summary } = await importFile(file, request, (rows, fraction) =>
        deps.progress({ uploadId, rows, fraction }),
      );
      if (!request.dryRun) {
        deps.settings.set('importMapping', request.mapping);
        if (request.dateOrder) deps.settings.set('importDateOrder', request.dateOrder);
        rmSync(file, { force: true });
      }
      deps.logger.log('info', 'patient import', {
        dryRun: request.dryRun,
        rows: summary.rows,
        added: summary.added,
        existing: summary.existing,
        invalid: summary.invalid,
      });
      return summary;
    },

    /** The CLI: a file on disk; without a mapping, the mapping step's choice (in the same worker). */
    async importPath(
      file: string,
      request: Omit<ImportRequest, 'mapping'> & { mapping: ImportMapping | null },
      onProgress: (rows: number, fraction: number) => void,
    ): Promise<ImportSummary> {
      const dateOrder = request.dateOrder ?? deps.settings.get('importDateOrder');
      const { summary, mapping } = await importFile(file, { ...request, dateOrder }, onProgress);
      if (!request.dryRun) {
        deps.settings.set('importMapping', mapping);
        if (dateOrder) deps.settings.set('importDateOrder', dateOrder);
      }
      return summary;
    },
  };
}

export type ImportService = ReturnType<typeof importService>;
