import { describe, expect, it, vi } from 'vitest'
import { AppError } from '../../src-main/contract/errors'
import { PERMISSIONS } from '../../src-main/contract/desk'
import { METHOD_NAMES, METHODS, type ServiceHandlers } from '../../src-main/contract/methods'
import { createDispatch } from '../../src-main/core/rpc/dispatch'

function fakeHandlers(overrides: Partial<ServiceHandlers> = {}): ServiceHandlers {
  // Only what these tests call; the dispatcher never looks at the others.
  return {
    'app.info': () => ({ appName: 'x', version: '0', ente: { name: 'E', fiscalCode: '1' }, operator: { username: 'u', displayName: 'U' }, mode: 'demo', demo: true, desk: null, dataDir: '/d', cacheNotice: null }),
    'app.status': () => ({ sync: { state: 'local', pendingChanges: 0, conflicts: 0, lastSyncAt: null, lastError: null, backend: '', progress: null }, pos: { state: 'virtual', terminal: '' }, cachedDues: 0, deskCollision: null, createRefusal: null }),
    'sync.run': () => ({ ok: true, message: '', positions: 0, created: 0, updated: 0, pushed: 0, conflicts: 0, pending: 0 }),
    'dues.search': (input) => ({ rows: [], total: 0, page: input.page, pageSize: input.pageSize, matchedBy: 'all' }),
    ...overrides
  } as ServiceHandlers
}

describe('contract dispatch', () => {
  it('finds every method declared with who may call it and whether it changes dues', () => {
    const valid = new Set<string>(['public', 'signedIn', ...PERMISSIONS])
    for (const name of METHOD_NAMES) {
      const spec = METHODS[name] as { access?: unknown; writes?: unknown }
      expect(valid.has(String(spec.access)), `${name}: access ${String(spec.access)}`).toBe(true)
      expect(typeof spec.writes, `${name}: writes`).toBe('boolean')
    }
    // Nothing that changes dues is open to anyone, and the sign-in and first-run screens are.
    expect(METHOD_NAMES.filter((m) => METHODS[m].writes && METHODS[m].access === 'public')).toEqual([])
    expect(METHOD_NAMES.filter((m) => METHODS[m].access === 'public').sort()).toEqual(['app.info', 'app.status', 'auth.login', 'auth.logout', 'auth.session', 'setup.demo', 'setup.live', 'setup.printers', 'setup.testBackend', 'setup.testPos'])
  })

  it('enforces the declared access before validating or running anything', async () => {
    const handler = vi.fn()
    const seen: string[] = []
    const authorize = (access: string) => {
      seen.push(access)
      if (access !== 'public') throw new AppError('FORBIDDEN', 'auth.roleRefusal', { role: access, action: 'x' })
    }
    const dispatch = createDispatch(fakeHandlers({ 'dues.search': handler }), { authorize })
    expect(await dispatch('dues.search', { pageSize: 'not even valid' })).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Il ruolo signedIn non consente di x.', said: { key: 'auth.roleRefusal', params: { role: 'signedIn', action: 'x' } } } })
    expect(handler).not.toHaveBeenCalled()
    expect(await dispatch('app.status', {})).toMatchObject({ ok: true })
    expect(seen).toEqual(['signedIn', 'public'])
  })

  it('reports a write once it succeeded, and never a read or a refused write', async () => {
    const onWrite = vi.fn()
    const dispatch = createDispatch(
      fakeHandlers({
        'dues.delete': vi.fn().mockReturnValueOnce({ removedLocallyOnly: true }).mockImplementationOnce(() => { throw new AppError('CONFLICT', 'dues.noticeAlreadyPaid') }),
        'dues.search': (input) => ({ rows: [], total: 0, page: input.page, pageSize: input.pageSize, matchedBy: 'all' })
      }),
      { onWrite }
    )
    await dispatch('dues.search', {})
    expect(onWrite).not.toHaveBeenCalled()
    await dispatch('dues.delete', { iupd: 'X-1', reason: 'doppione' })
    expect(onWrite).toHaveBeenCalledWith('dues.delete')
    await dispatch('dues.delete', { iupd: 'X-2', reason: 'doppione' })
    expect(onWrite).toHaveBeenCalledTimes(1)
  })

  it.each(['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 42, null, undefined])(
    'refuses the unknown method %s',
    async (method) => {
      const result = await createDispatch(fakeHandlers())(method, {})
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } })
      if (!result.ok) expect(result.error.message).toMatch(/^Operazione sconosciuta/)
    }
  )

  it('refuses bad input before the handler runs, in Italian', async () => {
    const handler = vi.fn()
    const dispatch = createDispatch(fakeHandlers({ 'dues.search': handler }))
    for (const input of [{ pageSize: 5000 }, { status: 'everything' }, { text: 7 }, 'text', [1]]) {
      const result = await dispatch('dues.search', input)
      expect(result.ok).toBe(false)
      if (!result.ok) {
        expect(result.error.code).toBe('INVALID_INPUT')
        expect(result.error.message).toMatch(/^Dati non validi/)
      }
    }
    expect(handler).not.toHaveBeenCalled()
  })

  it('refuses unexpected fields on methods without input', async () => {
    const result = await createDispatch(fakeHandlers())('app.info', { admin: true })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('hands validated input with defaults to the handler', async () => {
    const handler = vi.fn((input: { page: number; pageSize: number }) => ({ rows: [], total: 0, page: input.page, pageSize: input.pageSize, matchedBy: 'all' as const }))
    const result = await createDispatch(fakeHandlers({ 'dues.search': handler }))('dues.search', undefined)
    expect(handler).toHaveBeenCalledWith({ text: '', status: 'all', sort: 'dueDate', direction: 'desc', page: 1, pageSize: 25, count: true })
    expect(result).toEqual({ ok: true, value: { rows: [], total: 0, page: 1, pageSize: 25, matchedBy: 'all' } })
  })

  it('turns AppError into its code and message', async () => {
    const dispatch = createDispatch(fakeHandlers({ 'app.status': () => { throw new AppError('CONFLICT', 'dues.noticeAlreadyPaid') } }))
    expect(await dispatch('app.status', {})).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'Questo avviso risulta già pagato.', said: { key: 'dues.noticeAlreadyPaid' } } })
  })

  it('hides unexpected failures behind a generic message and reports them', async () => {
    const onInternalError = vi.fn()
    const dispatch = createDispatch(
      fakeHandlers({ 'app.status': async () => { throw new Error('SQLITE_CORRUPT: secret path /home/x') } }),
      { onInternalError }
    )
    const result = await dispatch('app.status', {})
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    if (!result.ok) expect(result.error.message).not.toContain('secret')
    expect(onInternalError).toHaveBeenCalledWith('app.status', expect.any(Error))
  })
})
