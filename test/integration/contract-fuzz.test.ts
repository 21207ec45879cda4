// Every method of the contract, given any JSON at all, answers with a result or a plain
// {code, message} in Italian: never an internal error, never a crash. The app is the real one
// (its dispatcher, services and cache on disk), with the embedded demo backend.
import fc from 'fast-check'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { METHOD_NAMES } from '../../src-main/contract/bridge'
import { startCoreApp, type CoreApp } from '../../src-main/core/app'
import { ROOT, tempDir } from '../helpers/paths'

const data = tempDir()
let app: CoreApp
const internal: string[] = []

beforeAll(async () => {
  app = await startCoreApp({ dataDir: data.dir, resourcesDir: join(ROOT, 'resources'), version: 'test', demo: true, backgroundSync: false, log: (m, e) => internal.push(`${m} ${String(e)}`) })
})
afterAll(async () => {
  await app.close()
  data.cleanup()
})

// Inputs shaped like the contract's (objects with plausible keys) as well as anything at all.
const plausible = fc.dictionary(
  fc.constantFrom('iupd', 'nav', 'text', 'amount', 'dueDate', 'reason', 'fiscalCode', 'id', 'page', 'pageSize', 'statuses', 'printer', 'to', 'mode', 'closureId', 'format', 'settings', 'username', 'password'),
  fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }))
)
const anyInput = fc.oneof(fc.anything(), plausible)

describe('the contract under any input', () => {
  it.each(METHOD_NAMES.filter((m) => m !== 'sync.run' && m !== 'auth.logout'))('%s', async (method) => {
    await fc.assert(
      fc.asyncProperty(anyInput, async (input) => {
        const result = await app.dispatch(method, input)
        if (!result.ok) {
          expect(result.error.code).not.toBe('INTERNAL')
          expect(result.error.message.length).toBeGreaterThan(0)
        }
        expect(() => JSON.stringify(result)).not.toThrow()
      }),
      { numRuns: 40 }
    )
    expect(internal).toEqual([])
  })
})
