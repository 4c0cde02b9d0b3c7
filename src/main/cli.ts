import { userInfo } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  createCore,
  DATABASE_FILE,
  StartupError,
  UserError,
  type Core,
  isDatabaseInUse,
  recordRestore,
  restoreDatabase,
  defaultMigrationsFolder,
  defaultDataDir,
  errorFields,
  fileLogger,
} from './core';
import { channelCatalog, formatCatalog } from './cli/channel-catalog';
import { JOBS_USAGE, JobsUsageError, runJobsCommand } from './cli/jobs-commands';
import { IMPORT_USAGE, ImportUsageError, runImportCommand } from './cli/import-command';
import { OutFileRefused, checkOutFile } from './cli/out-file';
import { progressBar } from './cli/progress';
import { NETWORK_USAGE, NetworkUsageError, runNetworkCommand } from './cli/network-commands';

const USAGE = `Clinic Desk command line — the same core as the desktop app.

Usage: npm run -s cli -- <command> [options]

Commands:
  seed --demo [--seed N]             add the demo clinic to an empty database
  seed --patients N --doctors N --years N [--seed N]
                                     generate a large clinic into an empty database
  db check                           integrity check and migration state
  backup [--out FILE] [--force]      verified backup: today's into the backups folder, or to FILE
                                     (an existing FILE only with --force; never the database or backups/)
  restore FILE                       check FILE (integrity, exact schema, outbox attachments) and that it
                                     starts, keep a safety copy of the current database, swap; audited
  channels                           every contract channel with its roles and input schema
  call CHANNEL JSON --as USERNAME    invoke a channel as that staff member
${JOBS_USAGE}
${NETWORK_USAGE}
${IMPORT_USAGE}

Options:
  --data-dir DIR   clinic data folder (default: the desktop app's; CLINIC_DESK_DATA_DIR overrides)
  --json           machine-readable output
  --help           this text`;

/** A mistake the user can fix: printed as one line, exit code 1. */
class UsageError extends Error {}

interface Output {
  json: boolean;
  print(value: unknown, text: string): void;
}

async function withCore<T>(dataDir: string, run: (core: Core) => Promise<T> | T): Promise<T> {
  const core = await createCore({ dataDir, logger: fileLogger(dataDir) });
  try {
    return await run(core);
  } finally {
    core.close();
  }
}

function wholeNumber(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}.`);
  return n;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
      demo: { type: 'boolean', default: false },
      seed: { type: 'string' },
      patients: { type: 'string' },
      doctors: { type: 'string' },
      years: { type: 'string' },
      as: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
      date: { type: 'string' },
      month: { type: 'string' },
      patient: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      host: { type: 'string' },
      code: { type: 'string' },
      fingerprint: { type: 'string' },
      name: { type: 'string' },
      port: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      mapping: { type: 'string' },
      'date-order': { type: 'string' },
      rejected: { type: 'string' },
    },
  });
  const out: Output = {
    json: values.json,
    print: (value, text) => console.log(values.json ? JSON.stringify(value, null, 2) : text),
  };
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 1;
  }
  const dataDir = values['data-dir'] ? resolve(values['data-dir']) : defaultDataDir();

  switch (command) {
    case 'channels': {
      const catalog = channelCatalog();
      out.print(catalog, formatCatalog(catalog));
      return 0;
    }
    case 'seed': {
      const seed = values.seed === undefined ? undefined : Number(values.seed);
      if (seed !== undefined && !Number.isInteger(seed))
        throw new UsageError('--seed must be a whole number.');
      if (!values.demo && values.patients !== undefined) {
        const size = {
          patients: wholeNumber('--patients', values.patients, 1, 5_000_000),
          doctors: wholeNumber('--doctors', values.doctors ?? '60', 1, 2_000),
          years: wholeNumber('--years', values.years ?? '10', 1, 50),
        };
        const bar = progressBar();
        const startedAt = Date.now();
        const result = await withCore(dataDir, (core) =>
          core.seedLarge({
            ...size,
            ...(seed === undefined ? {} : { seed }),
            onProgress: (phase, fraction) => bar.update(phase, fraction),
          }),
        );
        bar.done();
        const seconds = (Date.now() - startedAt) / 1000;
        out.print(
          { dataDir, seconds, ...result },
          `Large clinic created in ${dataDir} in ${seconds.toFixed(1)} s: ${result.doctors} doctors, ` +
            `${result.patients} patients, ${result.appointments} appointments, ${result.treatments} treatments.\n` +
            result.logins
              .slice(0, 3)
              .map((l) => `  ${l.username.padEnd(16)} ${l.password}`)
              .join('\n') +
            (result.logins.length > 3
              ? `\n  (every doctor's password is ${result.logins[2]?.password ?? ''})`
              : ''),
        );
        return 0;
      }
      if (!values.demo)
        throw new UsageError('Say what to seed: `seed --demo` or `seed --patients N --doctors N --years N`.');
      const result = await withCore(dataDir, (core) => core.seedDemo(seed === undefined ? {} : { seed }));
      out.print(
        { dataDir, ...result },
        `Demo clinic created in ${dataDir}: ${result.doctors} doctors, ${result.patients} patients.\n` +
          result.logins.map((l) => `  ${l.username.padEnd(16)} ${l.password}`).join('\n'),
      );
      return 0;
    }
    case 'db': {
      if (rest[0] !== 'check') throw new UsageError('Unknown db command. Use `db check`.');
      const check = await withCore(dataDir, (core) => core.checkDatabase());
      const healthy = check.integrity === 'ok' && check.pending.length === 0;
      out.print(
        { dataDir, healthy, ...check },
        [
          `Database:   ${dataDir}`,
          `Integrity:  ${check.integrity}`,
          `Schema:     version ${check.schemaVersion} (${check.migrationsApplied} of ${check.migrationsKnown} migrations applied)`,
          check.pending.length ? `Pending:    ${check.pending.join(', ')}` : 'Pending:    none',
        ].join('\n'),
      );
      return healthy ? 0 : 1;
    }
    case 'backup': {
      const target = values.out ? checkOutFile(values.out, { dataDir, force: values.force }) : undefined;
      const result = await withCore(dataDir, async (core) =>
        target
          ? { file: target, bytes: await core.backups.backupTo(target, { replace: values.force }) }
          : core.backups.runDaily(),
      );
      out.print(
        result,
        `Backup written and verified: ${result.file} (${Math.round(result.bytes / 1024)} KB).`,
      );
      return 0;
    }
    case 'restore': {
      const [file] = rest;
      if (!file) throw new UsageError('Name the backup file: `restore FILE`.');
      const live = join(dataDir, DATABASE_FILE);
      if (isDatabaseInUse(live)) {
        throw new UsageError(
          'Clinic Desk is using this database right now. Close the app (and any preview) first.',
        );
      }
      const source = resolve(file);
      let result;
      try {
        result = restoreDatabase({
          dataDir,
          source,
          migrationsFolder: defaultMigrationsFolder(),
          stamp: new Date().toISOString().replace(/[:.]/g, '-'),
        });
      } catch (error) {
        fileLogger(dataDir).log('warn', 'command-line restore refused', errorFields(error));
        throw error;
      }
      // Audited like a restore from the app, in the restored database's own audit log.
      recordRestore(join(dataDir, DATABASE_FILE), {
        actor: `cli (${userInfo().username})`,
        summary: `Database restored from ${basename(source)} with the command line; the previous one kept as a safety copy`,
      });
      const check = await withCore(dataDir, (core) => core.checkDatabase());
      out.print(
        { dataDir, ...result, integrity: check.integrity },
        `Restored ${result.restoredFrom} into ${dataDir}.` +
          (result.safetyCopy ? `\nThe previous database was kept as ${result.safetyCopy}.` : ''),
      );
      return 0;
    }
    case 'call': {
      const [channel, json = '{}'] = rest;
      if (!channel) throw new UsageError('Name the channel: `call CHANNEL JSON --as USERNAME`.');
      if (!values.as) throw new UsageError('Say whose account to act as: `--as USERNAME`.');
      let input: unknown;
      try {
        input = JSON.parse(json);
      } catch {
        throw new UsageError('The input is not valid JSON.');
      }
      const asUser = values.as;
      const result = await withCore(dataDir, (core) => core.connectAs(asUser).callUnknown(channel, input));
      if (!result.ok) {
        throw new UsageError(`${result.error.message} (${result.error.code})`);
      }
      console.log(JSON.stringify(result.value, null, values.json ? 2 : 2));
      return 0;
    }
    case 'jobs':
    case 'export':
    case 'outbox': {
      const jobsCommand = command;
      const outFile = values.out ? checkOutFile(values.out, { dataDir, force: values.force }) : undefined;
      return withCore(dataDir, (core) =>
        runJobsCommand(core, jobsCommand, rest, { ...values, out: outFile }, out),
      );
    }
    case 'network':
      return runNetworkCommand(dataDir, rest, values, out);
    case 'import':
      return withCore(dataDir, (core) => runImportCommand(core, rest, values, out));
    default:
      throw new UsageError(`Unknown command "${command}". Run with --help to see the commands.`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (
      error instanceof UsageError ||
      error instanceof StartupError ||
      error instanceof UserError ||
      error instanceof OutFileRefused ||
      error instanceof JobsUsageError ||
      error instanceof NetworkUsageError ||
      error instanceof ImportUsageError
    ) {
      console.error(`clinic-desk: ${error.message}`);
    } else if (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      console.error(`clinic-desk: ${error.message}`);
    } else if (error instanceof Error) {
      console.error(`clinic-desk: ${error.message}`);
      const dataDir = process.env['CLINIC_DESK_DATA_DIR'];
      if (dataDir) fileLogger(dataDir).log('error', 'cli failed', errorFields(error));
    } else {
      console.error('clinic-desk: failed.');
    }
    process.exit(1);
  },
);
