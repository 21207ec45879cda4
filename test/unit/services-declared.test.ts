// Permissions and writes live in the contract and the dispatcher: the services never check them
// by hand (one forgotten line would be a hole), and every method has exactly one handler.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { METHODS, type ServiceHandlers } from '../../src-main/contract/methods'
import { combine } from '../../src-main/core/services/combine'
import { ROOT } from '../helpers/paths'

const SERVICES = join(ROOT, 'src-main', 'core', 'services')

describe('the services', () => {
  it('never check permissions or report changes by hand', () => {
    const offenders = readdirSync(SERVICES)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => {
        const text = readFileSync(join(SERVICES, f), 'utf8')
        return [/\.require\(/, /\bsignedIn\(\)/, /\.authorize\(/, /\bchanged\(\)/].filter((pattern) => pattern.test(text)).map((pattern) => `${f}: ${String(pattern)}`)
      })
    expect(offenders).toEqual([])
  })

  it('are combined only when every method has exactly one handler', () => {
    const one = { 'app.status': () => null } as unknown as Partial<ServiceHandlers>
    expect(() => combine(one, one)).toThrow(/app\.status definito due volte/)
    expect(() => combine(one)).toThrow(/Metodi del contratto senza servizio: app\.info/)
    expect(() => combine({ 'app.nope': () => null } as unknown as Partial<ServiceHandlers>)).toThrow(/senza servizio/)
  })

  it('declare that changing a due’s amounts or its debtor needs dues.edit and is reported to the desk as a change', () => {
    for (const name of ['dues.update', 'dues.updateDebtor'] as const) expect({ name, access: METHODS[name].access, writes: METHODS[name].writes }).toEqual({ name, access: 'dues.edit', writes: true })
  })
})
