// A short run of the mixed soak (test/soak): bounded in time, faults on, and at the end the
// cache equals the backend and nothing waits. `npm run soak` runs the long one.
import { describe, expect, it } from 'vitest'
import { runSoak } from '../soak/soak'

describe('mixed soak against the simulator with faults', () => {
  it('ends with the cache equal to the backend and the outbox empty', async () => {
    const result = await runSoak({ seconds: 20, seed: 7 })
    console.log(result.line)
    expect(result.differences).toEqual([])
    expect(result.pending).toBe(0)
    expect(result.failed).toBe(0)
    expect(result.faults).toBeGreaterThan(0)
    expect(Object.keys(result.operations).sort()).toEqual(['annulla', 'crea', 'elimina', 'modifica importo', 'pagamento allo sportello', 'pagamento con PSP', 'sincronizzazione'])
  }, 120_000)
})
