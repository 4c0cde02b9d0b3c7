/** What the renderer sees of background jobs, the email outbox, reports and exports. */

export const JOB_NAMES = ['reminders', 'recalls', 'monthly-report'] as const;
export type JobName = (typeof JOB_NAMES)[number];

export const JOB_LABELS: Record<JobName, string> = {
  reminders: 'Daily reminders',
  recalls: 'Follow-up recalls',
  'monthly-report': 'Monthly doctor reports',
};

export type JobRunStatus = 'running' | 'succeeded' | 'failed';

export interface JobRunSummary {
  job: JobName;
  /** The day ('YYYY-MM-DD') or month ('YYYY-MM') the run covered. */
  period: string;
  status: JobRunStatus;
  startedAt: string;
  finishedAt: string | null;
  counts: Record<string, number>;
  error: string | null;
}

export interface JobOverview {
  job: JobName;
  label: string;
  /** In words, in the clinic's time zone, e.g. "Every day at 08:00 (Europe/London)". */
  schedule: string;
  lastRun: JobRunSummary | null;
  /** ISO instant of the next scheduled run. */
  nextRunAt: string;
  recentFailures: JobRunSummary[];
}

export interface JobRunResult {
  job: JobName;
  periods: JobRunSummary[];
}

export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed';

export interface OutboxItem {
  id: number;
  kind: string;
  /** Recipient address: shown to staff only, never logged. */
  to: string;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface OutboxPage {
  items: OutboxItem[];
  counts: Record<OutboxStatus, number>;
  /** Where messages go: an SMTP server, or the folder of .eml files when none is set up. */
  delivery: MailDelivery;
}

export type MailDelivery =
  | {
      mode: 'smtp';
      server: string;
      source: 'settings' | 'environment';
      /** Set when the stored password does not decrypt on this PC and must be entered again. */
      passwordProblem?: string;
    }
  | { mode: 'folder'; folder: string };

export type SmtpSecurity = 'starttls' | 'tls' | 'none';

export interface MailSettingsView {
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string;
  fromAddress: string;
  /** True when a password is stored (encrypted); the password itself never leaves main. */
  passwordSet: boolean;
  /** Set when the stored password does not decrypt on this PC: it must be entered again. */
  passwordProblem: string | null;
  /** False where no secure store exists (preview, CLI): a password cannot be saved there. */
  canStorePassword: boolean;
  /** Why not, as a sentence, when `canStorePassword` is false. */
  passwordStoreNote: string | null;
  delivery: MailDelivery;
  schedule: JobSchedule;
}

export interface JobSchedule {
  /** 'HH:MM' local time of the daily reminders. */
  reminderTime: string;
  /** Day of the month (1-28) and 'HH:MM' of the monthly reports. */
  reportDay: number;
  reportTime: string;
}

export interface ReportSummary {
  id: number;
  doctorId: number;
  doctorName: string;
  month: string;
  createdAt: string;
}

export interface ReportStatusTotals {
  booked: number;
  arrived: number;
  completed: number;
  cancelled: number;
  no_show: number;
}

export interface ReportVisit {
  date: string;
  time: string;
  patient: string;
  diagnosis: string;
  treatment: string;
}

/**
 * The doctor's follow-ups (next-visit dates) whose due date falls in the report's month, as they
 * stood at the report's instant (docs/jobs.md). due = booked + notNeeded + overdue.
 */
export interface ReportFollowUps {
  /** Follow-ups whose due date falls in the month. */
  due: number;
  /** Of those, closed by a booking with the doctor. */
  booked: number;
  /** Of those, closed as not needed (by the doctor, an administrator, or a cleared next visit). */
  notNeeded: number;
  /** Of those, still open at the report's instant: the due date passed and nobody booked. */
  overdue: number;
  /** The report's instant in the clinic's time zone, 'YYYY-MM-DD HH:MM'. */
  asOf: string;
}

export interface MonthlyReportData {
  month: string;
  periodLabel: string;
  doctorName: string;
  department: string;
  totals: ReportStatusTotals;
  totalAppointments: number;
  /** Share of no-shows among appointments that were not cancelled, 0..1; null when none. */
  noShowRate: number | null;
  treatmentsRecorded: number;
  topDiagnoses: { diagnosis: string; count: number }[];
  completedVisits: ReportVisit[];
  /** Absent in reports stored before follow-ups were counted (issue 15). */
  followUps?: ReportFollowUps;
}

export interface ReportDetail extends ReportSummary {
  data: MonthlyReportData;
  html: string;
  /** True in the desktop app, which can save a PDF itself; the preview prints instead. */
  pdfAvailable: boolean;
}

export type ExportKind = 'patient_history' | 'range';
/** 'requested' waits for approval; 'refused' was never written. */
export type ExportStatus = 'requested' | 'refused' | 'queued' | 'running' | 'done' | 'failed';

export interface ExportItem {
  id: number;
  kind: ExportKind;
  patientId: number | null;
  patientNumber: string | null;
  rangeFrom: string | null;
  rangeTo: string | null;
  status: ExportStatus;
  rows: number;
  filePath: string | null;
  fileName: string | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** Outbox status of the email that carries the file, when one was queued. */
  emailStatus: OutboxStatus | null;
  /** Why no email was queued (e.g. the patient has no email address). */
  emailNote: string | null;
  /** Who started or requested it, and who approved or refused a request. */
  requestedByName: string | null;
  decidedByName: string | null;
  refusalReason: string | null;
  /**
   * The only address the file goes to: the one on file when it was authorised, or, while a
   * request waits, the one on file now. Null: no address, the file is not emailed.
   */
  emailTo: string | null;
  /** While a request waits: when the address on file changed, if less than 24 hours ago. */
  emailChangedAt: string | null;
  /** The authoriser confirmed an address changed in the 24 hours before. */
  emailChangeConfirmed: boolean;
}

/** Pushed while an export runs. */
export interface JobProgress {
  kind: 'export';
  exportId: number;
  rows: number;
}

/** Pushed when a job or export ends. Never carries patient data. */
export interface JobFinished {
  kind: JobName | 'export' | 'outbox';
  ok: boolean;
  title: string;
  message: string;
  exportId?: number;
}
