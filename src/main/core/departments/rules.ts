import { isUniqueViolation } from '../db/constraint';
import { UserError } from '../errors';
import type { DepartmentRow } from './store';

/** The unique index on lower(name) settles duplicates, also between two windows at once. */
export function explainDuplicateName(error: unknown, name: string): never {
  if (isUniqueViolation(error, 'departments_name_unique')) {
    throw new UserError('conflict', `There is already a department called "${name}". Choose another name.`);
  }
  throw error;
}

/** The audit's list of what an update changes; empty when nothing does. */
export function departmentChanges(
  row: DepartmentRow,
  input: { name: string; description: string },
): string[] {
  const changes: string[] = [];
  if (row.name !== input.name) changes.push(`renamed ${row.name} → ${input.name}`);
  if (row.description !== input.description) changes.push('description changed');
  return changes;
}
