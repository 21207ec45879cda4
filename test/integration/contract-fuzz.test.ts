// Every method of the contract, given any JSON at all, answers with a result or a plain
// {code, message} in Italian: never an internal error, never a crash. The app is the real one
// (its dispatcher, services and cache on disk), with the embedded demo backend.
// Every successful answer also has the shape its method declares in the contract: the result
// types of src-main/contract/methods.ts, turned into a JSON Schema once per run (see
// test/helpers/result-schema.ts).
import fc from 'fast-check'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { METHOD_NAMES, type MethodName } from '../../src-main/contract/bridge'
import type { RpcResult } from '../../src-main/contract/errors'
import { startCoreApp, type CoreApp } from '../../src-main/core/app'
import { ROOT, tempDir } from '../helpers/paths'
import { loadResultValidator, type ResultValidator } from '../helpers/result-schema'

const data = tempDir()
let app: CoreApp
let results: ResultValidator
const internal: string[] = []

beforeAll(async () => {
  results = await loadResultValidator()
  app = await startCoreApp({ dataDir: data.dir, resourcesDir: join(ROOT, 'resources'), version: 'test', demo: true, backgroundSync: false, log: (m, e) => internal.push(`${m} ${String(e)}`) })
  // The demo's dues in the cache: searches then answer rows, whose shape is checked too.
  const synced = await app.dispatch('sync.run', {})
  if (!synced.ok) throw new Error(`sync.run: ${synced.error.message}`)
})
afterAll(async () => {
  await app?.close()
  data.cleanup()
})

/** A method's real answer, which must be a success. */
async function answer(method: MethodName, input: unknown = {}): Promise<unknown> {
  const result = await app.dispatch(method, input)
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`)
  return result.value
}
const copy = <T>(value: T): T => structuredClone(value)

/** What every answer must be: a result of the declared shape, or a plain error in Italian. */
function checkAnswer(method: MethodName, result: RpcResult<unknown>): void {
  if (result.ok) {
    const errors = results.check(method, result.value)
    expect(errors, `${method} answered a value of the wrong shape: ${errors.join('; ')}\n${JSON.stringify(result.value)?.slice(0, 500)}`).toEqual([])
  } else {
    expect(result.error.code).not.toBe('INTERNAL')
    expect(result.error.message.length).toBeGreaterThan(0)
  }
  expect(() => JSON.stringify(result)).not.toThrow()
}

describe('the result shapes declared by the contract', () => {
  it('has a schema for every method', () => {
    const properties = results.schema.properties as Record<string, unknown>
    expect(Object.keys(properties).sort()).toEqual([...METHOD_NAMES].sort())
    expect(results.schema.required).toEqual(expect.arrayContaining([...METHOD_NAMES]))
  })

  it('accepts the real answers', async () => {
    const status = await answer('app.status')
    expect(results.check('app.status', status)).toEqual([])
    const search = (await answer('dues.search', { pageSize: 200 })) as { rows: { iupd: string }[] }
    expect(search.rows.length).toBeGreaterThan(0)
    expect(results.check('dues.search', search)).toEqual([])
    // Answers the fuzzing below rarely or never reaches with random input.
    expect(results.check('dues.get', await answer('dues.get', { iupd: search.rows[0]!.iupd }))).toEqual([])
    expect(results.check('debtors.search', await answer('debtors.search', { text: 'a' }))).toEqual([])
    for (const method of ['app.info', 'app.about', 'auth.session', 'operators.list', 'roles.get', 'dueTypes.list', 'pos.settings', 'pos.journal', 'privacy.settings', 'mail.settings', 'backend.settings', 'ente.get', 'desk.get', 'till.day', 'till.closings'] as const) {
      expect(results.check(method, await answer(method)), method).toEqual([])
    }
  })

  it('fails the fuzzing check on an answer of the wrong shape', async () => {
    const status = (await answer('app.status')) as Record<string, unknown>
    expect(() => checkAnswer('app.status', { ok: true, value: status })).not.toThrow()
    expect(() => checkAnswer('app.status', { ok: true, value: { ...status, cachedDues: '12' } })).toThrow(/wrong shape/)
    expect(() => checkAnswer('app.status', { ok: true, value: null })).toThrow(/wrong shape/)
  })

  it('rejects an app.status without a required field, or with a number turned into a string', async () => {
    const status = (await answer('app.status')) as { cachedDues: number; sync: { pendingChanges: number } }
    const missing = copy(status) as Partial<typeof status>
    delete missing.cachedDues
    expect(results.check('app.status', missing).join('\n')).toMatch(/must have required property 'cachedDues'/)
    const wrongType = copy(status) as unknown as { sync: { pendingChanges: unknown } }
    wrongType.sync.pendingChanges = String(status.sync.pendingChanges)
    expect(results.check('app.status', wrongType).join('\n')).toMatch(/\/sync\/pendingChanges must be number/)
    expect(results.check('app.status', { ...status, sync: { ...status.sync, lastSyncAt: undefined } }).join('\n')).toMatch(/required property 'lastSyncAt'/)
  })

  it('rejects a dues.search answer whose row lost its IUPD, or whose total is a string', async () => {
    const search = (await answer('dues.search')) as { total: number; rows: { iupd?: string; status: string }[] }
    const noIupd = copy(search)
    delete noIupd.rows[0]!.iupd
    expect(results.check('dues.search', noIupd).join('\n')).toMatch(/\/rows\/0 must have required property 'iupd'/)
    expect(results.check('dues.search', { ...search, total: String(search.total) }).join('\n')).toMatch(/\/total must be number/)
    const badStatus = copy(search)
    badStatus.rows[0]!.status = 'PAGATO'
    expect(results.check('dues.search', badStatus).join('\n')).toMatch(/\/rows\/0\/status must be equal to one of the allowed values/)
    expect(results.check('dues.search', [search])).not.toEqual([])
  })

  it('checks the parts typed by zod schemas too (the POS settings)', async () => {
    const info = (await answer('pos.settings')) as { settings: { mode: string; pagopaPsp: boolean } | null }
    expect(info.settings).not.toBeNull()
    const broken = copy(info) as unknown as { settings: { pagopaPsp: unknown } }
    broken.settings.pagopaPsp = 'no'
    expect(results.check('pos.settings', broken)).not.toEqual([])
    const noMode = copy(info) as unknown as { settings: { mode?: string } }
    delete noMode.settings.mode
    expect(results.check('pos.settings', noMode)).not.toEqual([])
  })
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
      fc.asyncProperty(anyInput, async (input) => checkAnswer(method, await app.dispatch(method, input))),
      // {} first: the methods without input answer it, so each of them has a result checked.
      { numRuns: 40, examples: [[{}]] }
    )
    expect(internal).toEqual([])
  })
})
