import { existsSync, lstatSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, isAbsolute } from 'node:path';

/** A `--out FILE` the CLI must not write; the sentence says why. */
export class OutFileRefused extends Error {}

/** Windows and macOS file systems ignore case by default: compare paths as the OS would. */
const caseInsensitive = process.platform === 'win32' || process.platform === 'darwin';
const fold = (path: string) => (caseInsensitive ? path.toLowerCase() : path);

const within = (folder: string, path: string) => {
  const rel = relative(fold(folder), fold(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/** The real path of `path`, following every link, or its real folder + name when it does not exist yet. */
function realTarget(path: string): string {
  const folder = dirname(path);
  if (!existsSync(folder)) throw new OutFileRefused(`The folder ${folder} does not exist.`);
  if (existsSync(path)) return realpathSync(path);
  return join(realpathSync(folder), basename(path));
}

/**
 * Where `cli backup --out` and `cli export … --out` may write. Never onto the live database, its
 * -wal/-shm/-journal companions or anything in backups/, however the path is spelled (links,
 * `..`, letter case on Windows and macOS, a hard link to the database); an existing file only
 * with `--force`. Returns the absolute path to write.
 */
export function checkOutFile(requested: string, options: { dataDir: string; force: boolean }): string {
  const target = resolve(requested);
  const real = realTarget(target);
  const dataDir = existsSync(options.dataDir) ? realpathSync(options.dataDir) : resolve(options.dataDir);
  const database = join(dataDir, 'clinic.db');
  const protectedFiles = ['', '-wal', '-shm', '-journal'].map((suffix) => fold(`${database}${suffix}`));
  const refuse = () =>
    new OutFileRefused(
      `${requested} is the clinic database or one of its backups; choose a file outside ${dataDir}'s database and backups.`,
    );
  for (const candidate of [target, real]) {
    if (protectedFiles.includes(fold(candidate)) || within(join(dataDir, 'backups'), candidate))
      throw refuse();
  }
  let exists = false;
  try {
    lstatSync(target);
    exists = true;
  } catch {
    exists = false;
  }
  if (exists) {
    if (existsSync(target) && existsSync(database)) {
      const a = statSync(target);
      const b = statSync(database);
      if (a.ino === b.ino && a.dev === b.dev) throw refuse();
    }
    if (!options.force)
      throw new OutFileRefused(
        `${requested} already exists. Choose a new file name, or add --force to replace it.`,
      );
    if (existsSync(target) && statSync(target).isDirectory())
      throw new OutFileRefused(`${requested} is a folder; name a file.`);
  }
  // The file itself (a link is replaced, not followed): it was checked under both spellings.
  return target;
}
