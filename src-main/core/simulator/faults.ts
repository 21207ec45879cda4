// Fault knobs of the simulator: what a flaky network and a loaded backend do to a desk. A share
// of requests fails, in one of several ways, some after the backend has applied the request so
// that the client cannot know whether it did.
import { createRandom } from '../demo/random'

export type FaultKind =
  | 'error-before' // 500, nothing applied
  | 'error-after' // applied, then 503
  | 'drop-before' // connection dropped, nothing applied
  | 'drop-after' // applied, then connection dropped
  | 'hang-after' // applied, then no answer for hangMs (the client times out)
  | 'rate-limit' // 429 with Retry-After, nothing applied

export const FAULT_KINDS: readonly FaultKind[] = ['error-before', 'error-after', 'drop-before', 'drop-after', 'hang-after', 'rate-limit']

export interface FaultSettings {
  /** Share of requests that fail, 0 to 1. */
  failRate: number
  /** Added to every answer. */
  latencyMs: number
  /** How long a hanging answer waits before the connection is dropped. */
  hangMs: number
  kinds: readonly FaultKind[]
}

export const NO_FAULTS: FaultSettings = { failRate: 0, latencyMs: 0, hangMs: 10_000, kinds: FAULT_KINDS }

export function createFaultPicker(settings: () => FaultSettings, seed = 1) {
  const rng = createRandom(seed)
  return (): FaultKind | null => {
    const s = settings()
    if (s.failRate <= 0 || s.kinds.length === 0 || rng.next() >= s.failRate) return null
    return rng.pick(s.kinds)
  }
}
