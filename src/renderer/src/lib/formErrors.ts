import type { z } from 'zod';
import type { FieldIssue } from '../../../shared/result';

/** Field name → the one message to show under it; '' holds issues about the whole form. */
export type FieldErrors = Record<string, string>;

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** Validates with a contract schema and answers in the same shape the server uses for `issues`. */
export function schemaIssues(schema: z.ZodType, value: unknown): FieldIssue[] {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : zodIssues(parsed.error);
}

/**
 * The first message per field, because one clear sentence under a field helps more than a list.
 * Unknown fields (a server rule the form does not know) go to '' so they are still shown.
 */
export function issuesByField(issues: readonly FieldIssue[], knownFields: readonly string[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const top = issue.path.split('.')[0] ?? '';
    const field = knownFields.includes(top) ? top : '';
    if (!(field in errors)) errors[field] = issue.message;
  }
  return errors;
}

/** Errors worth showing now: only for fields the person has touched, or all after a submit. */
export function visibleErrors(
  errors: FieldErrors,
  touched: ReadonlySet<string>,
  submitted: boolean,
): FieldErrors {
  if (submitted) return errors;
  const shown: FieldErrors = {};
  for (const [field, message] of Object.entries(errors)) {
    if (touched.has(field)) shown[field] = message;
  }
  return shown;
}
