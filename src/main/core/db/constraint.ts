/**
 * Recognises SQLite's answer to a broken UNIQUE index, so a handler can turn a race the database
 * settled into a sentence instead of a crash. `index` is the index name, or 'table.column'.
 */
export function isUniqueViolation(error: unknown, index: string): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as Error & { code?: unknown }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && error.message.includes(index);
}
