// One row of `npm run bench`: a figure, the baseline measured in the same run, and their ratio.
export interface Figure {
  name: string
  value: number
  unit: string
  baseline: string
  baselineValue: number
  /** Time of the figure over time of the baseline (or size over size): lower is better. */
  ratio: number
  /** What the issue asks of this ratio, if anything (e.g. "≤ 2×"). */
  target?: string
  note: string
}

/** The middle value: what the figures report of a few runs. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}
