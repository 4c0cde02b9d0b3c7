import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { importMappingInput } from '../../shared/channels/imports';
import type { ImportMapping, ImportSummary } from '../../shared/dto/imports';
import type { Core } from '../core';
import { progressBar } from './progress';

export const IMPORT_USAGE = `  import patients FILE [--dry-run] [--mapping JSON|FILE] [--date-order DMY|MDY] [--rejected OUT.csv]
                                     import patients from a CSV file (one transaction; a dry run
                                     only counts); the mapping is guessed from the headers or the
                                     last import's when not given`;

/** A mistake in the command line: one sentence, exit code 1. */
export class ImportUsageError extends Error {}

export interface ImportFlags {
  'dry-run'?: boolean | undefined;
  mapping?: string | undefined;
  'date-order'?: string | undefined;
  rejected?: string | undefined;
  as?: string | undefined;
}

function mappingFrom(flag: string | undefined): ImportMapping | null {
  if (flag === undefined) return null;
  const text = existsSync(flag) ? readFileSync(flag, 'utf8') : flag;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ImportUsageError(
      '--mapping must be JSON like {"fullName":"Name","dateOfBirth":"DOB"} or a file holding it.',
    );
  }
  const parsed = importMappingInput.safeParse(raw);
  if (!parsed.success)
    throw new ImportUsageError(`--mapping: ${parsed.error.issues[0]?.message ?? 'not a column mapping'}.`);
  return parsed.data;
}

export function describeSummary(summary: ImportSummary): string {
  const verb = summary.dryRun ? 'would be added' : 'added';
  return [
    `${summary.rows} rows (${summary.encoding}, delimiter ${JSON.stringify(summary.delimiter)}):`,
    `  ${summary.added} ${verb}`,
    `  ${summary.existing} look like patients already registered`,
    `  ${summary.invalid} invalid`,
    ...Object.entries(summary.reasons).map(([reason, n]) => `    ${n} × ${reason}`),
  ].join('\n');
}

export async function runImportCommand(
  core: Core,
  args: string[],
  flags: ImportFlags,
  out: { json: boolean; print(value: unknown, text: string): void },
): Promise<number> {
  const [what, file] = args;
  if (what !== 'patients' || !file) throw new ImportUsageError('Use `import patients FILE [--dry-run]`.');
  const path = resolve(file);
  if (!existsSync(path)) throw new ImportUsageError(`There is no file ${path}.`);
  const order = flags['date-order'];
  if (order !== undefined && order !== 'DMY' && order !== 'MDY')
    throw new ImportUsageError('--date-order must be DMY (day first) or MDY (month first).');
  const bar = out.json ? null : progressBar();
  const summary = await core.imports.importPath(
    path,
    {
      mapping: mappingFrom(flags.mapping),
      dateOrder: order ?? null,
      dryRun: flags['dry-run'] === true,
      actor: { userId: null, username: flags.as ?? 'cli' },
    },
    (_rows, fraction) => bar?.update('reading', fraction),
  );
  bar?.done();
  if (flags.rejected && summary.rejectedCsv !== '')
    writeFileSync(resolve(flags.rejected), summary.rejectedCsv);
  const { rejectedCsv: _omit, ...counts } = summary;
  out.print(
    counts,
    describeSummary(summary) +
      (flags.rejected && summary.rejectedCsv !== ''
        ? `\nRows not added, with reasons: ${resolve(flags.rejected)}`
        : ''),
  );
  return 0;
}
