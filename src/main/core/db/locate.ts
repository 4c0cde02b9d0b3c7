import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The committed migrations live in `drizzle/` at the project root. From source (tsx, vitest) and
 * from the electron-vite build alike, that is found by walking up from this file; the packaged
 * app passes its resources path explicitly.
 */
export function defaultMigrationsFolder(): string {
  const starts = [dirname(fileURLToPath(import.meta.url)), process.cwd()];
  for (const start of starts) {
    let dir = resolve(start);
    for (;;) {
      const candidate = join(dir, 'drizzle');
      if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error('The database migrations folder (drizzle/) was not found next to Clinic Desk.');
}
