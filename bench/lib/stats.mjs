// Client-side timing and latency summaries.
import { performance } from 'node:perf_hooks';

/** Runs `fn` and resolves with `{ ms, value }` (wall time seen by the client). */
export async function timed(fn) {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** Nearest-rank percentile (`p` in 0–100) of ascending `sorted`: a value that was observed. */
export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

const round = (ms) => Math.round(ms * 100) / 100;

/** `{ n, p50, p95, p99, max, mean }` of a list of millisecond samples. */
export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, ms) => sum + ms, 0) / (sorted.length || 1);
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? NaN),
    mean: round(mean),
  };
}

/** `p50 4.1 ms  p95 12.3 ms  p99 20.0 ms  max 31.7 ms` */
export function formatSummary(summary) {
  const ms = (value) => `${value.toFixed(1)} ms`;
  return ['p50', 'p95', 'p99', 'max'].map((key) => `${key} ${ms(summary[key])}`).join('  ');
}

/** A deterministic PRNG (mulberry32), so every run asks the same questions in the same order. */
export function seededRandom(seed = 42) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const int = (n) => n.toLocaleString('en-US');

/** Median (the lower of the middle two), lowest and highest of a few runs, and the runs. */
export function spread(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: sorted[Math.floor((sorted.length - 1) / 2)],
    min: sorted[0],
    max: sorted[sorted.length - 1],
    runs: values,
  };
}
