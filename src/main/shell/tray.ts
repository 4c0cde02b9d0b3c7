import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import { JOB_LABELS, JOB_NAMES, type JobName, type JobRunSummary } from '../../shared/dto/jobs';

/** What the tray can do with the background jobs; counts only, never patient data. */
export interface TrayJobs {
  run(job: JobName): void;
  lastResults(): Record<JobName, JobRunSummary | null>;
}

export interface TrayOptions {
  iconPath: string;
  onOpen: () => void;
  onQuit: () => void;
  jobs?: TrayJobs;
}

const RUN_LABELS: Record<JobName, string> = {
  reminders: 'Run reminders now',
  recalls: 'Send follow-up recalls now',
  'monthly-report': 'Send monthly reports now',
};

/** "Daily reminders: 2026-03-16 succeeded (3 queued)". */
export function lastResultLabel(job: JobName, run: JobRunSummary | null): string {
  if (!run) return `${JOB_LABELS[job]}: not run yet`;
  const queued = run.counts['queued'];
  const detail = run.status === 'failed' ? ' – see Jobs' : queued === undefined ? '' : ` (${queued} queued)`;
  return `${JOB_LABELS[job]}: ${run.period} ${run.status}${detail}`;
}

export function trayMenu(options: TrayOptions): MenuItemConstructorOptions[] {
  const { jobs } = options;
  const jobItems: MenuItemConstructorOptions[] = jobs
    ? [
        { type: 'separator' },
        ...JOB_NAMES.map((job) => ({ label: RUN_LABELS[job], click: () => jobs.run(job) })),
        { type: 'separator' },
        ...JOB_NAMES.map((job) => ({ label: lastResultLabel(job, jobs.lastResults()[job]), enabled: false })),
      ]
    : [];
  return [
    { label: 'Open Clinic Desk', click: options.onOpen },
    ...jobItems,
    { type: 'separator' },
    { label: 'Quit', click: options.onQuit },
  ];
}

/**
 * Reminders and reports run in the main process, so closing the window only hides it; the tray
 * is how staff bring it back, run a job by hand, see how the last runs went, or really quit.
 */
export function createTray(options: TrayOptions): Tray {
  const tray = new Tray(nativeImage.createFromPath(options.iconPath));
  tray.setToolTip('Clinic Desk');
  tray.setContextMenu(Menu.buildFromTemplate(trayMenu(options)));
  // Windows and most Linux trays open the menu on right click only; left click should open the app.
  tray.on('click', options.onOpen);
  return tray;
}

/** Rebuilds the menu after a job finished, so "last result" lines stay true. */
export function refreshTrayMenu(tray: Tray, options: TrayOptions): void {
  tray.setContextMenu(Menu.buildFromTemplate(trayMenu(options)));
}
