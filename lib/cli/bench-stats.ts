// The benches' arithmetic: quantiles of measured times and how a time is printed.

/** The value at quantile `q` (0–1) of `xs`; NaN when there are none. */
export function quantile(xs: readonly number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

export const median = (xs: readonly number[]) => quantile(xs, 0.5);

/** A time in ms, with two decimals under 10 ms. */
export const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
