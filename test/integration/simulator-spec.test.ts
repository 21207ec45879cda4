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

  it('lists positions through v3 as the spec says: debtors, installments, windows, pages and page_info', async () => {
    // Three positions of our own: a single payment (then paid), a plan, and one invalidated.
    await call('gpd-v1', 'POST', GPD_PATHS.positions, {}, { query: { toPublish: 'true' }, body: position('V3-1', '0100000000000055') })
    await call('gpd-v1', 'POST', GPD_PATHS.positions, {}, { query: { toPublish: 'true' }, body: position('V3-2', '0100000000000066', true) })
    await call('gpd-v1', 'POST', GPD_PATHS.positions, {}, { query: { toPublish: 'true' }, body: position('V3-3', '0100000000000077') })
    expect((await call('gpd-v1', 'POST', GPD_PATHS.invalidate, { iupd: 'V3-3' })).status).toBe(200)
    const paidAt = `${later(-1)}T09:30:00`
    expect((await call('gpd-v1', 'POST', GPD_PATHS.paid, { nav: '301000000000000551' }, { body: { paymentDate: paidAt } })).status).toBe(200)

    type Installment = { nav: string; status: string; transfer: unknown[] }
    type Listed = { iupd: string; status: string; paymentOption: { debtor: { fiscalCode: string }; installments: Installment[] }[] }
    type Page = { payment_position_list: Listed[]; page_info: { page: number; limit: number; items_found: number; total_pages: number } }
    const list = async (query: Record<string, string>) => {
      const r = await call('gpd-v3', 'GET', GPD_PATHS.positions, {}, { query })
      expect(r.status).toBe(200)
      return r.body as unknown as Page
    }
    const walk = async (query: Record<string, string>, limit: number) => {
      const seen: string[] = []
      const positions: Listed[] = []
      const first = await list({ ...query, limit: String(limit), page: '0', orderby: 'IUPD', ordering: 'ASC' })
      for (let page = 0; page < first.page_info.total_pages; page++) {
        const r = page === 0 ? first : await list({ ...query, limit: String(limit), page: String(page), orderby: 'IUPD', ordering: 'ASC' })
        expect(r.page_info).toEqual({ page, limit, items_found: r.payment_position_list.length, total_pages: first.page_info.total_pages })
        expect(r.payment_position_list.length).toBe(page < first.page_info.total_pages - 1 ? limit : r.payment_position_list.length)
        seen.push(...r.payment_position_list.map((p) => p.iupd))
        positions.push(...r.payment_position_list)
      }
      return { seen, first, positions }
    }

    // A due-date window read in pages of 7 is the same set as v1's, in IUPD order, each position once.
    const window = { due_date_from: later(0), due_date_to: later(30) }
    const { seen, first } = await walk(window, 7)
    expect(first.page_info.total_pages).toBeGreaterThan(1)
    expect(seen).toEqual([...seen].sort())
    expect(new Set(seen).size).toBe(seen.length)
    const v1 = await call('gpd-v1', 'GET', GPD_PATHS.positions, {}, { query: { ...window, limit: '50', orderby: 'IUPD', ordering: 'ASC' } })
    const v1Pages = (v1.body.page_info as { total_pages: number }).total_pages
    const v1All: string[] = []
    for (let page = 0; page < v1Pages; page++) {
      const r = await call('gpd-v1', 'GET', GPD_PATHS.positions, {}, { query: { ...window, limit: '50', page: String(page), orderby: 'IUPD', ordering: 'ASC' } })
      v1All.push(...(r.body.payment_position_list as { iupd: string }[]).map((p) => p.iupd))
    }
    expect(seen).toEqual(v1All)
    expect(seen).toEqual(expect.arrayContaining(['V3-1', 'V3-2', 'V3-3']))
    const all = await walk(window, 50)
    expect(all.seen).toEqual(seen)

    // Each option carries its debtor; a plan is one option of several installments, with transfers.
    const plan = all.positions.find((p) => p.iupd === 'V3-2')!
    expect(plan.paymentOption.map((o) => o.installments.length)).toEqual([1, 2])
    expect(plan.paymentOption.every((o) => o.debtor.fiscalCode === 'RSSMRA80A01H501U')).toBe(true)
    expect(plan.paymentOption.flatMap((o) => o.installments).every((i) => i.transfer.length === 1)).toBe(true)
    const valid = (await list({ ...window, limit: '50', status: 'VALID' })).payment_position_list
    expect(valid.length).toBeGreaterThan(0)
    expect(valid.every((p) => p.status === 'VALID')).toBe(true)

    // v3's own statuses filter: UNPAYABLE stands for INVALID (and EXPIRED), PAID for PAID (and REPORTED).
    const unpayable = (await list({ ...window, limit: '50', status: 'UNPAYABLE' })).payment_position_list
    expect(unpayable.map((p) => p.iupd)).toContain('V3-3')
    expect(unpayable.every((p) => p.status === 'UNPAYABLE')).toBe(true)
    expect(unpayable.find((p) => p.iupd === 'V3-3')!.paymentOption[0]!.installments[0]!.status).toBe('UNPAYABLE')

    // Payment windows, by day and by date-time: the paid position and its paid installment.
    const byTime = (await list({ limit: '50', payment_date_time_from: `${later(-1)}T09:00:00`, payment_date_time_to: `${later(-1)}T10:00:00` })).payment_position_list
    expect(byTime.map((p) => p.iupd)).toContain('V3-1')
    expect(byTime.find((p) => p.iupd === 'V3-1')).toMatchObject({ status: 'PAID', paymentOption: [{ installments: [{ nav: '301000000000000551', status: 'PAID' }] }] })
    expect((await list({ limit: '50', payment_date_from: later(-1), payment_date_to: later(-1) })).payment_position_list.map((p) => p.iupd)).toContain('V3-1')
    expect((await list({ limit: '50', payment_date_time_from: `${later(-3)}T00:00:00`, payment_date_time_to: `${later(-2)}T00:00:00` })).payment_position_list.map((p) => p.iupd)).not.toContain('V3-1')

    // Past the last page: an empty page, still with its page_info.
    const beyond = await list({ ...window, limit: '7', page: String(first.page_info.total_pages + 3) })
    expect(beyond.payment_position_list).toEqual([])
    expect(beyond.page_info).toMatchObject({ items_found: 0, total_pages: first.page_info.total_pages })
  })

  it('refuses v3 list requests the spec or GPD forbid', async () => {
    const refused = async (query: Record<string, string>) => expect((await call('gpd-v3', 'GET', GPD_PATHS.positions, {}, { query })).status).toBe(400)
    await refused({ limit: '51' })
    await refused({ limit: '0' })
    await refused({ page: '-1' })
    await refused({ page: 'due' })
    await refused({ due_date_from: later(-40), due_date_to: later(0) })
    await refused({ due_date_from: later(0), due_date_to: later(-1) })
    await refused({ due_date_from: '2026-13-45' })
    await refused({ due_date_from: later(-5), payment_date_from: later(-5) })
    await refused({ payment_date_from: later(-5), payment_date_time_from: `${later(-5)}T00:00:00` })
    await refused({ status: 'INVALID' })
    await refused({ orderby: 'AMOUNT' })
    await refused({ colour: 'blue' })
    // Only one bound: GPD sets the other 30 days away.
    expect((await call('gpd-v3', 'GET', GPD_PATHS.positions, {}, { query: { limit: '50', due_date_from: later(-20) } })).status).toBe(200)
  })

  it('refuses calls without the subscription key', async () => {
    expect((await call('gpd-v1', 'GET', GPD_PATHS.positions, {}, { key: null })).status).toBe(401)
    expect((await call('gpd-v1', 'GET', GPD_PATHS.position, { iupd: 'T-3' }, { key: 'wrong' })).status).toBe(401)
  })

  it('covered every route of the simulator', () => {
    const routes = new Set(checked.map((c) => c.split(' ').slice(0, 3).join(' ')))
    expect(routes.size).toBe(13)
  })
})
