import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../src/main/core';
import { silentLogger } from '../../src/main/core/logger';
import { buildForNode, runsFromSource } from '../build';
import { round } from '../measure';
import { ratioOf, type BenchRow } from '../types';

const FIRST = [
  'Oliver',
  'Amelia',
  'George',
  'Isla',
  'Harry',
  'Ava',
  'Noah',
  'Mia',
  'Jack',
  'Grace',
  'Leo',
  'Freya',
  'Arthur',
  'Lily',
  'Muhammad',
  'Sophia',
  'Oscar',
  'Emily',
  'Charlie',
  'Ella',
  'Zoë',
  'José',
  'Seán',
  'Chloé',
  'Björn',
  'Aisha',
  'Priya',
  'Wei',
  'Kwame',
  'Agnieszka',
  'Mateusz',
  'Fatima',
  'Siobhán',
  'Ioana',
  'Dmitri',
  'Nuria',
  'Yusuf',
  'Hannah',
  'Thomas',
  'Margaret',
];
const LAST = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Patel',
  'Robinson',
  'Wright',
  'Thompson',
  'Evans',
  'Walker',
  'White',
  'Roberts',
  'Green',
  'Hall',
  'Wood',
  'Jackson',
  "O'Brien",
  'Núñez',
  'García',
  'Kowalski',
  'Nowak',
  'Khan',
  'Ahmed',
  'Singh',
  'Chen',
  'Okafor',
  'Murphy',
  'MacDonald',
  'Lindqvist',
  'Weiß',
  'Çelik',
  'Dubois',
  'Rossi',
  'Popescu',
  'Ivanova',
  'Hughes',
  'Edwards',
  'Clarke',
  'Lewis',
  'Harris',
  'Martin',
  'Cooper',
  'King',
  'Lee',
  'Baker',
];
const STREETS = ['High Street', 'Station Road', 'Church Lane', 'Victoria Road', 'Mill Lane', 'Park Avenue'];
const TOWNS = ['Leeds LS1 4AB', 'York YO1 7HH', 'Bristol BS1 5TR', 'Oxford OX1 1AA', 'Bath BA1 1LZ'];
const NOTES = [
  'Allergic to penicillin',
  'Prefers morning appointments',
  'Hearing aid, left ear; speak clearly',
  'Interpreter needed: "Polish"',
  'Type 2 diabetes\nmetformin 500 mg',
];
export const IMPORT_HEADERS = [
  'Patient ID',
  'First Name',
  'Last Name',
  'Date of Birth',
  'Gender',
  'Mobile',
  'E-mail',
  'Home Address',
  'Comments',
  'Reminders',
];

/** mulberry32: a small seeded generator, so the cached file is the same for a seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/**
 * A clinic's patient list as Excel saves it ("CSV UTF-8", CRLF): day-first dates, accented and
 * apostrophed names, addresses with commas, some notes with quotes and line breaks, blank cells,
 * every 400th row with an impossible date, every 250th repeating an earlier patient under a new ID.
 * Cached under bench/.cache/ (written to a .partial file first, renamed when complete).
 */
export function ensureImportCsv(repoRoot: string, rows: number, seed: number): string {
  const folder = join(repoRoot, 'bench', '.cache');
  const file = join(folder, `patients-import-${rows}-s${seed}.csv`);
  if (existsSync(file)) return file;
  mkdirSync(folder, { recursive: true });
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const lines: string[] = [IMPORT_HEADERS.join(',')];
  const kept: string[][] = [];
  for (let i = 1; i <= rows; i += 1) {
    const year = 1930 + Math.floor(next() * 95);
    const month = 1 + Math.floor(next() * 12);
    const day = 1 + Math.floor(next() * 28);
    const dob =
      i % 400 === 0
        ? `31/02/${year}`
        : `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
    const id = `MRN-${String(i).padStart(7, '0')}`;
    let cells = [
      id,
      pick(FIRST),
      pick(LAST),
      dob,
      pick(['F', 'M', 'Female', 'Male', '']),
      next() < 0.85
        ? `07${String(700_000_000 + i * 7).slice(0, 3)} ${String(700_000_000 + i * 7).slice(3)}`
        : '',
      next() < 0.6 ? `patient.${i}@example.org` : '',
      `${1 + Math.floor(next() * 200)} ${pick(STREETS)}, ${pick(TOWNS)}`,
      next() < 0.1 ? pick(NOTES) : '',
      next() < 0.5 ? 'Yes' : 'No',
    ];
    if (i % 250 === 0 && kept.length > 0) cells = [id, ...pick(kept).slice(1)];
    if (i % 97 === 0) kept.push(cells);
    lines.push(cells.map(quote).join(','));
  }
  const partial = `${file}.partial`;
  writeFileSync(partial, `${lines.join('\r\n')}\r\n`);
  renameSync(partial, file);
  return file;
}

/**
 * The import worker as the app ships it: bundled JavaScript (electron-vite builds
 * out/main/import-worker.js the same way). The built bench (bench/build.ts) has it next to its
 * bundle, where the core looks by default; run from source (CLINIC_DESK_BENCH_SOURCE=1), each
 * worker start would first compile its TypeScript module graph through tsx (about 5 s per start on
 * a loaded machine), a cost the built app does not have, so it is built here.
 */
async function builtImportWorker(repoRoot: string): Promise<string | undefined> {
  if (!runsFromSource()) return undefined;
  const entry = join(repoRoot, 'src', 'main', 'core', 'imports', 'worker.ts');
  return join(await buildForNode(repoRoot, 'import-worker', { 'import-worker': entry }), 'import-worker.js');
}

/**
 * The file's rows: 200,000 whatever the clinic's --patients (the row imports into an empty
 * clinic of its own, so a small generated clinic will do); CLINIC_DESK_BENCH_IMPORT_ROWS to change.
 */
const IMPORT_ROWS = Number(process.env['CLINIC_DESK_BENCH_IMPORT_ROWS'] ?? 200_000);

/**
 * Ours: `cli import patients FILE` without a mapping, as the CLI runs it — `core.imports.importPath`
 * with the built worker, which reads and decodes the file, guesses the mapping as the mapping step
 * would, parses with papaparse, checks every row like the registration form, looks for registered
 * patients and writes them in one transaction — into a fresh, empty clinic (migrated, no patients). Reference: `sqlite3
 * .import --csv` of the same file into a plain table of a fresh database (no checks, no indexes).
 */
export const patientImport: BenchRow = {
  id: 'import-200k',
  title: 'Patient import from CSV vs sqlite3 .import',
  target: '≤ 3×',
  async run(ctx) {
    const rows = IMPORT_ROWS;
    const file = ensureImportCsv(ctx.repoRoot, rows, ctx.size.seed);
    const scratch = mkdtempSync(join(tmpdir(), 'clinic-desk-bench-import-'));
    try {
      const dataDir = join(scratch, 'clinic');
      const importWorker = await builtImportWorker(ctx.repoRoot);
      const core = await createCore({
        dataDir,
        logger: silentLogger,
        clock: ctx.clock,
        ...(importWorker ? { importWorker } : {}),
      });
      let summary;
      const started = process.hrtime.bigint();
      try {
        summary = await core.imports.importPath(
          file,
          { mapping: null, dateOrder: 'DMY', dryRun: false, actor: { userId: null, username: 'bench' } },
          () => undefined,
        );
      } finally {
        core.close();
      }
      const ours = Number(process.hrtime.bigint() - started) / 1e6;

      const refDb = join(scratch, 'reference.db');
      const refStarted = process.hrtime.bigint();
      const ref = spawnSync('sqlite3', [refDb, `.import --csv ${file} patients`], { encoding: 'utf8' });
      const reference = Number(process.hrtime.bigint() - refStarted) / 1e6;
      if (ref.error || ref.status !== 0)
        throw new Error(`sqlite3 .import failed: ${ref.error?.message ?? ref.stderr}`);
      const check = spawnSync('sqlite3', [refDb, 'SELECT count(*) FROM patients'], { encoding: 'utf8' });
      const referenceRows = Number(check.stdout.trim());

      const ratio = ratioOf(ours, reference);
      return {
        ours: round(ours, 0),
        reference: round(reference, 0),
        ratio: ratio === null ? null : round(ratio, 2),
        unit: 'ms',
        met: ratio !== null && ratio <= 3,
        note: `${rows.toLocaleString('en-GB')} rows, ${round(statSync(file).size / 1024 / 1024, 1)} MB; ours (cli import patients, into an empty clinic): ${summary.added} added, ${summary.existing} already registered, ${summary.invalid} invalid; reference: sqlite3 .import --csv into a plain table, ${referenceRows} rows`,
        extra: { added: summary.added, existing: summary.existing, invalid: summary.invalid, referenceRows },
      };
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  },
};
