/** Milliseconds of `fn`, measured `runs` times after `warmup` unmeasured runs. */
export async function timeRuns(fn: () => unknown, runs: number, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export const median = (values: number[]): number => percentile(values, 50);

export const round = (value: number, digits = 3): number => Number(value.toFixed(digits));

/**
 * Involuntary context switches of this process so far. A sample during which the count moved was
 * interrupted by the scheduler (another process ran on the CPU): on a loaded machine those
 * samples, not the code, make the upper percentiles of a sub-millisecond figure.
 */
export const preemptions = (): number => process.resourceUsage().involuntaryContextSwitches;

/** A sample and whether the scheduler interrupted it. */
export interface Sample {
  ms: number;
  preempted: boolean;
}

/** Runs `fn` once, timed, noting whether the process was preempted meanwhile. */
export async function sample(fn: () => unknown): Promise<Sample> {
  const switches = preemptions();
  const start = process.hrtime.bigint();
  await fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, preempted: preemptions() !== switches };
}
