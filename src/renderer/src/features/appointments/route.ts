/** The numeric id after a screen in the address: `#/patients/42` → 42 for 'patients'. */
export function routeId(hash: string, screen: string, sub?: string): number | null {
  const parts = hash.replace(/^#\/?/, '').split(/[?]/)[0]?.split('/') ?? [];
  if (parts[0] !== screen) return null;
  const raw = sub === undefined ? parts[1] : parts[1] === sub ? parts[2] : undefined;
  const id = Number(raw);
  return Number.isInteger(id) && id > 0 ? id : null;
}
