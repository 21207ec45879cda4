// The simulator answers as PagoPA's specs say, errors included, and applies GPD's status rules.
// Every answer here is checked against the OpenAPI documents, raw, without the client's help.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GPD_BASES, GPD_PATHS, type PaymentPositionModel } from '../../src-main/core/gpd/types'
import type { SpecName } from '../../src-main/core/gpd/spec-validator'
import type { LaunchedSimulator } from '../../src-main/core/simulator/run'
import { simulator, validator } from '../helpers/backend'

const EC = '00723456018'
const KEY = 'chiave-di-prova'
let sim: LaunchedSimulator
const checked: string[] = []

beforeAll(async () => {
  sim = await simulator({ seed: 200, subscriptionKey: KEY })
})
afterAll(() => sim.close())

const BASE: Record<SpecName, string> = { 'gpd-v1': GPD_BASES.v1, 'gpd-v3': GPD_BASES.v3, 'gpd-internal-v1': GPD_BASES.internalV1, receipts: GPD_BASES.receipts }

/** Calls the simulator and checks the answer against the spec; returns status and body. */
async function call(spec: SpecName, method: string, path: string, params: Record<string, string>, options: { query?: Record<string, string>; body?: unknown; key?: string | null } = {}) {
  const url = new URL(sim.url + BASE[spec] + path.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(params[k] ?? EC)))
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v)
  const key = options.key === undefined ? KEY : options.key
  const res = await fetch(url, {
    method,
    headers: { ...(key ? { 'Ocp-Apim-Subscription-Key': key } : {}), ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    body: options.body === undefined ? undefined : JSON.stringify(options.body)
  })
  const text = await res.text()
  const body: unknown = (res.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text
  expect(validator.hasResponse(spec, method, path, res.status), `${method} ${path} → ${res.status} is in the spec`).toBe(true)
  expect(validator.response(spec, method, path, res.status, body), `${method} ${path} → ${res.status}`).toEqual([])
  checked.push(`${spec} ${method} ${path} ${res.status}`)
  return { status: res.status, body: body as Record<string, unknown> }
}

const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
function position(iupd: string, iuv: string, installments = false): PaymentPositionModel {
  const option = (suffix: string, amount: number, due: string, partial: boolean) => ({
    iuv: iuv + suffix, amount, description: `Prova ${suffix}`, isPartialPayment: partial, dueDate: `${due}T23:59:59`,
    transfer: [{ idTransfer: '1' as const, amount, category: '9/0103100TS/', remittanceInformation: 'Diritti', iban: 'IT98M0306909606100000046001' }]
  })
  return {
    iupd, type: 'F', fiscalCode: 'RSSMRA80A01H501U', fullName: 'ROSSI MARIO', companyName: 'Comune di Valdoria', switchToExpired: false,
    paymentOption: installments ? [option('1', 1000, later(10), false), option('2', 500, later(10), true), option('3', 500, later(70), true)] : [option('1', 1000, later(10), false)]
  }
}

describe('simulator conformance', () => {
  it('creates, reads (v1 and v3), lists, updates, publishes, invalidates and deletes as GPD does', async () => {
    const created = await call('gpd-v1', 'POST', GPD_PATHS.positions, {}, { query: { toPublish: 'false' }, body: position('T-1', '0100000000000011') })
    expect(created.status).toBe(201)
    expect(created.body.status).toBe('DRAFT')
    expect((await call('gpd-v1', 'POST', GPD_PATHS.positions, {}, { query: { toPublish: 'false' }, body: position('T-1', '0100000000000022') })).status).toBe(409)
    expect((await call('gpd-v1', 'POST', GPD_PATHS.positions, {}, { body: { ...position('T-2', '0100000000000033'), paymentOption: [{ ...position('T-2', '0100000000000033').paymentOption![0]!, amount: 999 }] } })).status).toBe(400)

    expect((await call('gpd-v1', 'GET', GPD_PATHS.position, { iupd: 'T-1' })).body.status).toBe('DRAFT')
    const v3 = await call('gpd-v3', 'GET', GPD_PATHS.position, { iupd: 'T-1' })
    expect((v3.body.paymentOption as { debtor: { fiscalCode: string } }[])[0]!.debtor.fiscalCode).toBe('RSSMRA80A01H501U')
    expect((await call('gpd-v1', 'GET', GPD_PATHS.position, { iupd: 'NOPE' })).status).toBe(404)

    expect((await call('gpd-v1', 'POST', GPD_PATHS.invalidate, { iupd: 'T-1' })).status).toBe(409) // not from DRAFT
    expect((await call('gpd-v1', 'POST', GPD_PATHS.publish, { iupd: 'T-1' })).body.status).toBe('VALID')
    expect((await call('gpd-v1', 'POST', GPD_PATHS.publish, { iupd: 'T-1' })).status).toBe(409) // only from DRAFT
    const updated = await call('gpd-v1', 'PUT', GPD_PATHS.position, { iupd: 'T-1' }, { query: { toPublish: 'true' }, body: position('T-1', '0100000000000011') })
    expect(updated.status).toBe(200)
    expect((await call('gpd-v1', 'POST', GPD_PATHS.invalidate, { iupd: 'T-1' })).body.status).toBe('INVALID')
    expect((await call('gpd-v1', 'PUT', GPD_PATHS.position, { iupd: 'T-1' }, { body: position('T-1', '0100000000000011') })).status).toBe(409)
    expect((await call('gpd-v1', 'DELETE', GPD_PATHS.position, { iupd: 'T-1' })).status).toBe(200)
    expect((await call('gpd-v1', 'DELETE', GPD_PATHS.position, { iupd: 'T-1' })).status).toBe(404)
  })

  it('takes payments: outside pagoPA (paids) and through a PSP (pay), with receipts', async () => {
    await call('gpd-v1', 'POST', GPD_PATHS.positions, {}, { query: { toPublish: 'true' }, body: position('T-3', '0100000000000044', true) })
    const rate = await call('gpd-internal-v1', 'POST', GPD_PATHS.pay, { nav: '301000000000000442' }, { body: { paymentDate: '2026-11-27T10:00:00', pspCompany: 'Banca Demo', idReceipt: 'R-9', paymentMethod: 'CP' } })
    expect(rate.status).toBe(200)
    expect((await call('gpd-v1', 'GET', GPD_PATHS.position, { iupd: 'T-3' })).body.status).toBe('PARTIALLY_PAID')
    // Once an installment is paid, the single payment is no longer payable, nor is a paid one again.
    expect((await call('gpd-v1', 'POST', GPD_PATHS.paid, { nav: '301000000000000441' }, { body: { paymentDate: '2026-11-27T11:00:00' } })).status).toBe(409)
    expect((await call('gpd-v1', 'POST', GPD_PATHS.paid, { nav: '301000000000000442' }, { body: {} })).status).toBe(409)
    expect((await call('gpd-v1', 'POST', GPD_PATHS.paid, { nav: '301000000000000443' }, { body: { paymentDate: '2026-11-27T11:00:00' } })).status).toBe(200)
    expect((await call('gpd-v1', 'GET', GPD_PATHS.position, { iupd: 'T-3' })).body.status).toBe('PAID')
    expect((await call('gpd-v1', 'DELETE', GPD_PATHS.position, { iupd: 'T-3' })).status).toBe(409)
    expect((await call('gpd-v1', 'POST', GPD_PATHS.paid, { nav: '399999999999999999' }, { body: {} })).status).toBe(404)

    const receipts = await call('receipts', 'GET', GPD_PATHS.receipts, {}, { query: { pageSize: '100' } })
    expect((receipts.body.results as { iuv: string }[]).map((r) => r.iuv)).toContain('0100000000000044' + '2')
    const xml = await call('receipts', 'GET', GPD_PATHS.receipt, { iuv: '01000000000000442' })
    expect(String(xml.body)).toContain('<receiptId>R-9</receiptId>')
  })

  it('enforces the list API limits: pages of 50, windows of 30 days, exclusive filters', async () => {
    const ok = await call('gpd-v1', 'GET', GPD_PATHS.positions, {}, { query: { limit: '50', due_date_from: later(-30), due_date_to: later(0) } })
    expect(ok.status).toBe(200)
    expect((ok.body.page_info as { limit: number }).limit).toBe(50)
    expect((await call('gpd-v1', 'GET', GPD_PATHS.positions, {}, { query: { limit: '51' } })).status).toBe(400)
    expect((await call('gpd-v1', 'GET', GPD_PATHS.positions, {}, { query: { due_date_from: later(-40), due_date_to: later(0) } })).status).toBe(400)
    expect((await call('gpd-v1', 'GET', GPD_PATHS.positions, {}, { query: { due_date_from: later(-5), payment_date_from: later(-5) } })).status).toBe(400)
    const onlyFrom = await call('gpd-v1', 'GET', GPD_PATHS.positions, {}, { query: { limit: '50', payment_date_time_from: `${later(-20)}T00:00:00` } })
    expect(onlyFrom.status).toBe(200)
  })

  it('refuses calls without the subscription key', async () => {
    expect((await call('gpd-v1', 'GET', GPD_PATHS.positions, {}, { key: null })).status).toBe(401)
    expect((await call('gpd-v1', 'GET', GPD_PATHS.position, { iupd: 'T-3' }, { key: 'wrong' })).status).toBe(401)
  })

  it('covered every route of the simulator', () => {
    const routes = new Set(checked.map((c) => c.split(' ').slice(0, 3).join(' ')))
    expect(routes.size).toBe(12)
  })
})
