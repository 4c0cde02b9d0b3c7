const COUNT_LABELS: Record<string, string> = {
  due: 'due',
  queued: 'queued',
  alreadyQueued: 'already queued',
  noEmail: 'no email',
  noConsent: 'no consent',
  inactive: 'inactive patient',
  doctors: 'doctors',
  stored: 'new reports',
  alreadyStored: 'already stored',
};

/** "3 queued, 1 no email" — zero counts left out. */
export function formatCounts(counts: Record<string, number>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([key, n]) => `${n} ${COUNT_LABELS[key] ?? key}`);
  return parts.length ? parts.join(', ') : 'nothing to do';
}

const instant = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatInstant(iso: string): string {
  return instant.format(new Date(iso));
}
