/** Every value that goes into an email's HTML passes through here: names and notes are not markup. */
export function escapeHtml(value: string | number | null | undefined): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Markup that is already safe (built by `markup`), as opposed to a value that must be escaped. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

function render(part: unknown): string {
  if (part instanceof SafeHtml) return part.value;
  if (typeof part === 'string' || typeof part === 'number') return escapeHtml(part);
  if (part === null || part === undefined) return '';
  // Only strings, numbers and SafeHtml are ever interpolated; anything else is a template bug.
  throw new TypeError(`Cannot put a ${typeof part} into an email.`);
}

/**
 * Tagged template: interpolated values are escaped unless they are SafeHtml (or arrays of it).
 * Named `markup`, not `html`, because Prettier reformats templates tagged `html`, which would
 * change the emails' bytes.
 */
export function markup(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    const parts: unknown[] = Array.isArray(value) ? value : [value];
    out += parts.map(render).join('');
    out += strings[i + 1] ?? '';
  });
  return new SafeHtml(out);
}

/** A complete, self-contained email document with the clinic's plain styling. */
export function emailDocument(title: string, body: SafeHtml): string {
  return markup`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
<style>
body { font-family: Arial, Helvetica, sans-serif; color: #1f2933; line-height: 1.45; }
table { border-collapse: collapse; }
th, td { border: 1px solid #cbd2d9; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f0f4f8; }
.muted { color: #616e7c; font-size: 0.9em; }
</style>
</head>
<body>
${body}
</body>
</html>
`.value;
}
