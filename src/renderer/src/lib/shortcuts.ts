/**
 * Keyboard shortcuts shared by the screens. A screen marks its search box with
 * `data-shortcut="search"` (any list) or `"patient-search"` (the patient search itself).
 */
export const PATIENTS_HREF = '#/patients';

function dialogOpen(): boolean {
  return document.querySelector('[role="dialog"]') !== null;
}

function focusBox(selector: string): boolean {
  const box = document.querySelector<HTMLInputElement>(selector);
  if (!box) return false;
  box.focus();
  box.select();
  return true;
}

/** `/`: this screen's search box, or the patient search when the screen has none. */
export function focusScreenSearch(): void {
  if (dialogOpen()) return;
  if (!focusBox('[data-shortcut="search"], [data-shortcut="patient-search"]'))
    window.location.hash = PATIENTS_HREF;
}

/** Ctrl+K (⌘K): the patient search, from anywhere. The Patients list focuses it when it opens. */
export function focusPatientSearch(): void {
  if (dialogOpen()) return;
  if (!focusBox('[data-shortcut="patient-search"]')) window.location.hash = PATIENTS_HREF;
}
