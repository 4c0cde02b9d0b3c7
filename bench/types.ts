import type { Core } from '../src/main/core/api';
import type { Clock } from '../src/main/core/host';
import type { ClinicSize } from './clinic';

/** What every row can use: the working copy of the large clinic and a core opened on it. */
export interface BenchContext {
  /** Data folder holding a working copy of the cached large clinic (rows may write to it). */
  dataDir: string;
  dbPath: string;
  repoRoot: string;
  /** The --patients/--doctors/--years/--seed of this run (rows that generate input size it by them). */
  size: ClinicSize;
  /** The generation instant plus the time since the bench started: "today" is the clinic's. */
  clock: Clock;
  /** A core on the working copy, opened once and shared by the rows. */
  core: Core;
  /** Silences progress output when --quiet. */
  log: (line: string) => void;
}

/**
 * One measurement against its reference, taken in the same run on the same data. `ratio` is
 * always ours ÷ reference as a cost (time, memory; for throughputs reference ÷ ours), so 1.0
 * means as fast as the reference and the targets read "ratio ≤ x".
 */
export interface RowResult {
  ours: number | null;
  reference: number | null;
  ratio: number | null;
  unit: string;
  /** Whether every target of the row is met; null when it could not be measured. */
  met: boolean | null;
  note?: string;
  /** Secondary figures (peak memory, event-loop delay, p50 next to p95…). */
  extra?: Record<string, number | string | null>;
}

export interface BenchRow {
  id: string;
  title: string;
  target: string;
  /** Measured only when named in `--only` (long rows such as network-clients). */
  optional?: boolean;
  run(ctx: BenchContext): Promise<RowResult>;
}

export const ratioOf = (ours: number | null, reference: number | null): number | null =>
  ours === null || reference === null || reference === 0 ? null : ours / reference;

/** A row whose feature is not part of this build yet (another domain's channel or module). */
export function unavailable(
  unit: string,
  reference: number | null,
  why: string,
  extra?: RowResult['extra'],
): RowResult {
  return {
    ours: null,
    reference,
    ratio: null,
    unit,
    met: null,
    note: `not available in this build: ${why}`,
    ...(extra ? { extra } : {}),
  };
}
