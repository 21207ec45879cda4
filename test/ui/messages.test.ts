// What the services say reaches the operator in the operator's language: every sentence is a key
// with parameters, the Italian locale is the services' own catalog (so both read the same), and
// English translates every key with the same parameters.
import { describe, expect, it } from 'vitest'
import { createAppI18n } from '@/i18n'
import { errorText, say } from '@/i18n/say'
import { EN_MESSAGES } from '@/i18n/en-messages'
import { ApiError } from '@/api/client'
import { AppError, type ServiceError } from '../../src-main/contract/errors'
import { roleRefusal } from '../../src-main/contract/desk'
import { italian, messageKeys, MESSAGES, type MessageKey } from '../../src-main/contract/messages'
import type { ServiceHandlers } from '../../src-main/contract/methods'
import { createDispatch } from '../../src-main/core/rpc/dispatch'

function template(catalog: unknown, key: string): string | undefined {
  let node = catalog
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part]
  return typeof node === 'string' ? node : undefined
}
const placeholders = (text: string) => [...text.matchAll(/\{\s*(\w+)\s*\}/g)].map((m) => m[1]!).sort()
const sampleParams = (key: MessageKey) => Object.fromEntries(placeholders(template(MESSAGES, key)!).map((name) => [name, `«${name}»`]))

async function refusedWith(error: unknown, input: unknown = {}): Promise<ServiceError> {
  const dispatch = createDispatch({ 'app.info': () => { throw error } } as unknown as ServiceHandlers)
  const result = await dispatch('app.info', input)
  if (result.ok) throw new Error('expected a refusal')
  return result.error
}

describe('what the services say', () => {
  const keys = messageKeys()

  it('has a catalog of keyed sentences', () => {
    expect(keys.length).toBeGreaterThan(50)
    expect(keys).toContain('auth.roleRefusal')
  })

  it('reads the same in the Italian locale as in the services (one source, valid vue-i18n syntax)', () => {
    createAppI18n('it')
    const different = keys.filter((key) => say({ key, params: sampleParams(key) }) !== italian(key, sampleParams(key)))
    expect(different).toEqual([])
  })

  it('has an English translation of every key, with the same parameters', () => {
    createAppI18n('en')
    const problems: string[] = []
    for (const key of keys) {
      const it = template(MESSAGES, key)!
      const en = template(EN_MESSAGES, key)
      if (!en) problems.push(`${key}: missing`)
      else if (placeholders(en).join() !== placeholders(it).join()) problems.push(`${key}: parameters ${placeholders(en).join()} instead of ${placeholders(it).join()}`)
      else if (/[a-zà-ù]{4}/i.test(it.replace(/\{[^}]*\}/g, '')) && en === it) problems.push(`${key}: not translated`)
      else if (say({ key, params: sampleParams(key) }).startsWith('said.')) problems.push(`${key}: vue-i18n cannot render it`)
    }
    expect(problems).toEqual([])
  })
})

describe('an error on its way to the screen', () => {

  it('carries its key and parameters, and reads in the operator’s language', async () => {
    const error = await refusedWith(new AppError('FORBIDDEN', roleRefusal('dues.create', 'operatore')))
    expect(error.code).toBe('FORBIDDEN')
    expect(error.message).toBe('Il ruolo operatore non consente di creare dovuti.')
    expect(error.said).toEqual({ key: 'auth.roleRefusal', params: { role: 'operatore', action: { key: 'auth.permission.dues.create' } } })
    createAppI18n('en')
    expect(errorText(new ApiError(error))).toBe('The role operatore does not allow to create dues.')
    createAppI18n('it')
    expect(errorText(new ApiError(error))).toBe('Il ruolo operatore non consente di creare dovuti.')
  })

  it('hides an unexpected failure behind a keyed sentence', async () => {
    const error = await refusedWith(new Error('boom'))
    expect(error).toMatchObject({ code: 'INTERNAL', said: { key: 'app.internal' } })
    createAppI18n('en')
    expect(errorText(new ApiError(error))).toBe('Internal application error. The operation was not completed.')
  })

  it('words refused input in English, for the schema’s own rules and for zod’s', async () => {
    const dispatch = createDispatch({} as ServiceHandlers)
    const result = await dispatch('dues.invalidate', { reason: 'x' })
    if (result.ok) throw new Error('expected a refusal')
    expect(result.error.code).toBe('INVALID_INPUT')
    expect(result.error.message).toContain('reason: indicare il motivo')
    createAppI18n('en')
    const english = errorText(new ApiError(result.error))
    expect(english).toMatch(/^Invalid data\. /)
    expect(english).toContain('reason: state the reason')
    expect(english).toContain('iupd: Invalid input: expected string')
    createAppI18n('it')
    expect(errorText(new ApiError(result.error))).toContain('iupd: Input non valido')
  })

  it('words an unknown operation in English', async () => {
    const result = await createDispatch({} as ServiceHandlers)('nope.nothing', {})
    if (result.ok) throw new Error('expected a refusal')
    createAppI18n('en')
    expect(errorText(new ApiError(result.error))).toBe('Unknown operation: nope.nothing')
  })
})
