// Benchmark helpers: each benchmark is measured against a reference in the same run and reported as a ratio.

export interface BenchResult {
  /** What was measured ("self-signed RSA-2048 vs openssl req -x509"). */
  name: string;
  /** The figure the issue names, e.g. 0.82 (ratio) or 12.3 (ms). */
  value: number;
  unit: 'ratio' | 'ms' | 'ops/s';
  /** The target the issue sets, and whether lower or higher is better. */
  target?: { value: number; better: 'lower' | 'higher' };
  /** Extra figures worth printing (medians of both sides...). */
  detail?: string;
}

export interface Benchmark {
  name: string;
  run(): Promise<BenchResult[]>;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Times `fn` `runs` times (after `warmup` untimed runs); returns each duration in ms. */
export async function timeRuns(runs: number, fn: () => Promise<unknown> | unknown, warmup = 2): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const durations: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    durations.push(performance.now() - start);
  }
  return durations;
}

export function meetsTarget(result: BenchResult): boolean | undefined {
  if (!result.target) return undefined;
  return result.target.better === 'lower' ? result.value <= result.target.value : result.value >= result.target.value;
}
