// The GPD simulator's behaviour: what PagoPA's debt positions service does with each request,
// following its OpenAPI documents and its published rules (status transitions, validation,
// paging and date-window limits). Pure logic over the store; HTTP lives in server.ts.
import type { PaymentPositionModel, PaymentPositionBaseResponse, PaymentPositionResponseV3, PayPaymentOptionModel, TransferModel } from '../gpd/types'
import { dayOf, gpdNow, type SimOption, type SimPosition } from './model'
import { DuplicateError, type ListQuery, type SimulatorStore } from './store'

export interface Reply {
  status: number
  body?: unknown
  contentType?: string
  headers?: Record<string, string>
}

const problem = (status: number, title: string, detail: string): Reply => ({ status, body: { title, status, detail } })
const notFound = (what: string) => problem(404, 'Not Found', what)
const conflict = (detail: string) => problem(409, 'Conflict', detail)
const badRequest = (detail: string) => problem(400, 'Bad Request', detail)

const NOT_UPDATABLE = ['INVALID', 'PARTIALLY_PAID', 'PAID', 'REPORTED']
const HAS_PAYMENTS = ['PARTIALLY_PAID', 'PAID', 'REPORTED']
const MAX_DAYS = 30
const DAY_MS = 86_400_000

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / DAY_MS)
}

/** GPD's own checks on a position (DebtPositionValidation), beyond the schema. */
function validatePosition(model: PaymentPositionModel, now: string, creating: boolean): string | null {
  const options = model.paymentOption ?? []
  if (options.length === 0) return 'At least one payment option is required'
  if (model.validityDate && creating && model.validityDate <= now) return 'Dates congruence error: validity_date must be >= current_date'
  for (const o of options) {
    const transfers = o.transfer ?? []
    if (transfers.length === 0 || transfers.length > 5) return `Payment option ${o.iuv}: 1 to 5 transfers are required`
    const sum = transfers.reduce((s, t) => s + t.amount, 0)
    if (sum !== o.amount) return `Payment option ${o.iuv}: amount ${o.amount} differs from the sum of transfers ${sum}`
    if (new Set(transfers.map((t) => t.idTransfer)).size !== transfers.length) return `Payment option ${o.iuv}: duplicate idTransfer`
    for (const t of transfers) {
      if (Boolean(t.iban) === Boolean(t.stamp)) return `Transfer ${t.idTransfer}: exactly one of iban and stamp is required`
      if (t.postalIban && !t.iban) return `Transfer ${t.idTransfer}: postalIban requires iban`
    }
    if (creating && o.dueDate < now) return 'Dates congruence error: due_date must be >= current_date'
    if (model.validityDate && o.dueDate < model.validityDate) return 'Dates congruence error: due_date must be >= validity_date'
    if (o.retentionDate && o.retentionDate < o.dueDate) return 'Dates congruence error: retention_date must be >= due_date'
  }
  return null
}

function toSim(model: PaymentPositionModel, ec: string, now: string, previous?: SimPosition): SimPosition {
  const { paymentOption, ...rest } = model
  return {
    ...rest,
    organizationFiscalCode: ec,
    status: 'DRAFT',
    insertedDate: previous?.insertedDate ?? now,
    lastUpdatedDate: now,
    paymentOption: (paymentOption ?? []).map(
      (o): SimOption => ({
        ...o,
        nav: o.nav ?? `3${o.iuv}`,
        organizationFiscalCode: ec,
        insertedDate: now,
        lastUpdatedDate: now,
        status: 'PO_UNPAID',
        transfer: (o.transfer ?? []).map((t) => ({ ...t, organizationFiscalCode: t.organizationFiscalCode ?? ec, status: 'T_UNREPORTED' }))
      })
    )
  }
}

function publish(p: SimPosition, now: string): void {
  p.publishDate = now
  if (!p.validityDate || p.validityDate <= now) {
    p.validityDate = p.validityDate ?? now
    p.status = 'VALID'
  } else {
    p.status = 'PUBLISHED'
  }
}

/** The v1 model as GPD returns it after create, update, publish, invalidate. */
function asModel(p: SimPosition): PaymentPositionModel {
  const { organizationFiscalCode: _ec, insertedDate: _i, publishDate: _p, lastUpdatedDate: _l, paymentOption, ...rest } = p
  return {
    ...rest,
    paymentOption: paymentOption.map((o) => ({
      nav: o.nav, iuv: o.iuv, amount: o.amount, description: o.description, isPartialPayment: o.isPartialPayment, dueDate: o.dueDate,
      ...(o.retentionDate ? { retentionDate: o.retentionDate } : {}),
      ...(o.fee !== undefined ? { fee: o.fee } : {}),
      ...(o.paymentOptionMetadata ? { paymentOptionMetadata: o.paymentOptionMetadata.map((m) => ({ key: m.key ?? '', value: m.value ?? '' })) } : {}),
      transfer: o.transfer.map((t) => ({
        idTransfer: t.idTransfer as TransferModel['idTransfer'], amount: t.amount, category: t.category, remittanceInformation: t.remittanceInformation,
        ...(t.organizationFiscalCode ? { organizationFiscalCode: t.organizationFiscalCode } : {}),
        ...(t.iban ? { iban: t.iban } : {}),
        ...(t.postalIban ? { postalIban: t.postalIban } : {}),
        ...(t.stamp ? { stamp: t.stamp } : {}),
        ...(t.companyName ? { companyName: t.companyName } : {})
      }))
    }))
  }
}

/** The list and GET view: no debtor (v1 keeps it out of its base response). */
function asBase(p: SimPosition): PaymentPositionBaseResponse {
  return {
    iupd: p.iupd,
    organizationFiscalCode: p.organizationFiscalCode,
    type: p.type,
    companyName: p.companyName,
    ...(p.officeName ? { officeName: p.officeName } : {}),
    insertedDate: p.insertedDate,
    ...(p.publishDate ? { publishDate: p.publishDate } : {}),
    ...(p.validityDate ? { validityDate: p.validityDate } : {}),
    ...(p.paymentDate ? { paymentDate: p.paymentDate } : {}),
    status: p.status,
    lastUpdatedDate: p.lastUpdatedDate,
    paymentOption: p.paymentOption
  }
}

const V3_STATUS: Record<SimPosition['status'], NonNullable<PaymentPositionResponseV3['status']>> = {
  DRAFT: 'DRAFT', PUBLISHED: 'PUBLISHED', VALID: 'VALID', INVALID: 'UNPAYABLE', EXPIRED: 'UNPAYABLE', PARTIALLY_PAID: 'PARTIALLY_PAID', PAID: 'PAID', REPORTED: 'PAID'
}
const V3_INSTALLMENT_STATUS = { PO_UNPAID: 'UNPAID', PO_PAID: 'PAID', PO_PARTIALLY_REPORTED: 'PARTIALLY_REPORTED', PO_REPORTED: 'REPORTED' } as const
/** The v1 statuses a v3 status filter stands for (v3 folds INVALID and EXPIRED, PAID and REPORTED). */
const V1_STATUSES_OF: Record<NonNullable<PaymentPositionResponseV3['status']>, SimPosition['status'][]> = {
  DRAFT: ['DRAFT'], PUBLISHED: ['PUBLISHED'], VALID: ['VALID'], UNPAYABLE: ['INVALID', 'EXPIRED'], PARTIALLY_PAID: ['PARTIALLY_PAID'], PAID: ['PAID', 'REPORTED']
}

/** An option not paid of a position no longer payable says why: invalidated (UNPAYABLE) or past its due date (EXPIRED). */
function installmentStatus(p: SimPosition, o: SimOption) {
  if (o.status === 'PO_UNPAID' && p.status === 'INVALID') return 'UNPAYABLE' as const
  if (o.status === 'PO_UNPAID' && p.status === 'EXPIRED') return 'EXPIRED' as const
  return V3_INSTALLMENT_STATUS[o.status]
}

/** The v3 view: single payments become options of one installment, the installments one option. */
function asV3(p: SimPosition): PaymentPositionResponseV3 {
  const debtor = {
    type: p.type, fiscalCode: p.fiscalCode, fullName: p.fullName,
    ...Object.fromEntries(
      (['streetName', 'civicNumber', 'postalCode', 'city', 'province', 'region', 'country', 'email', 'phone'] as const)
        .filter((k) => p[k] !== undefined)
        .map((k) => [k, p[k]])
    )
  } as NonNullable<NonNullable<PaymentPositionResponseV3['paymentOption']>[number]['debtor']>
  const installment = (o: SimOption) => ({
    nav: o.nav, iuv: o.iuv, organizationFiscalCode: p.organizationFiscalCode, amount: o.amount, description: o.description, dueDate: o.dueDate,
    ...(o.paymentDate ? { paymentDate: o.paymentDate } : {}),
    ...(o.paymentMethod ? { paymentMethod: o.paymentMethod } : {}),
    ...(o.pspCompany ? { pspCompany: o.pspCompany } : {}),
    ...(o.idReceipt ? { idReceipt: o.idReceipt } : {}),
    ...(o.fee !== undefined ? { fee: o.fee } : {}),
    status: installmentStatus(p, o),
    ...(o.lastUpdatedDate ? { lastUpdatedDate: o.lastUpdatedDate } : {}),
    transfer: o.transfer.map((t) => ({
      idTransfer: t.idTransfer, amount: t.amount, category: t.category, remittanceInformation: t.remittanceInformation,
      ...(t.organizationFiscalCode ? { organizationFiscalCode: t.organizationFiscalCode } : {}),
      ...(t.companyName ? { companyName: t.companyName } : {}),
      ...(t.iban ? { iban: t.iban } : {}),
      ...(t.postalIban ? { postalIban: t.postalIban } : {}),
      ...(t.stamp ? { stamp: t.stamp } : {}),
      ...(t.status ? { status: t.status } : {})
    }))
  })
  const option = (installments: SimOption[]) => ({
    switchToExpired: p.switchToExpired,
    ...(installments[0]?.retentionDate ? { retentionDate: installments[0].retentionDate } : {}),
    insertedDate: p.insertedDate,
    ...(p.validityDate ? { validityDate: p.validityDate } : {}),
    debtor,
    installments: installments.map(installment)
  })
  const singles = p.paymentOption.filter((o) => !o.isPartialPayment)
  const plan = p.paymentOption.filter((o) => o.isPartialPayment)
  return {
    iupd: p.iupd,
    organizationFiscalCode: p.organizationFiscalCode,
    companyName: p.companyName,
    ...(p.officeName ? { officeName: p.officeName } : {}),
    insertedDate: p.insertedDate,
    ...(p.publishDate ? { publishDate: p.publishDate } : {}),
    ...(p.paymentDate ? { paymentDate: p.paymentDate } : {}),
    status: V3_STATUS[p.status],
    lastUpdatedDate: p.lastUpdatedDate,
    paymentOption: [...singles.map((o) => option([o])), ...(plan.length ? [option(plan)] : [])]
  }
}

/** Marks one option paid and moves the position to PAID or PARTIALLY_PAID, as GPD's pay logic. */
function applyPayment(p: SimPosition, option: SimOption, data: { paymentDate: string; paymentMethod: string; pspCompany: string; idReceipt: string; now: string }): void {
  option.status = 'PO_PAID'
  option.paymentDate = data.paymentDate
  option.paymentMethod = data.paymentMethod
  option.pspCompany = data.pspCompany
  option.idReceipt = data.idReceipt
  option.lastUpdatedDate = data.now
  const plan = p.paymentOption.filter((o) => o.isPartialPayment)
  const planComplete = plan.length > 0 && plan.every((o) => o.status !== 'PO_UNPAID')
  p.status = !option.isPartialPayment || planComplete ? 'PAID' : 'PARTIALLY_PAID'
  p.paymentDate = data.paymentDate
  p.lastUpdatedDate = data.now
}

export interface BackendOptions {
  organizationFiscalCode: string
  now?: () => number
}

/** What every operation needs: the store, the clock and the one organization the simulator serves. */
interface BackendContext {
  store: SimulatorStore
  clock: () => number
  organizationFiscalCode: string
}

type PaymentData = { paymentDate?: string; paymentMethod: string; pspCompany: string; idReceipt: string }

const ecOk = (ctx: BackendContext, ec: string) => ec === ctx.organizationFiscalCode
const unknownEc = (ec: string) => notFound(`Organization ${ec} not found`)

function find(ctx: BackendContext, ec: string, iupd: string): SimPosition | Reply {
  if (!ecOk(ctx, ec)) return unknownEc(ec)
  return ctx.store.get(iupd) ?? notFound(`Debt position ${iupd} not found`)
}
const isReply = (x: SimPosition | Reply): x is Reply => 'status' in x && typeof (x as Reply).status === 'number' && !('iupd' in x)

function createPosition(ctx: BackendContext, ec: string, body: PaymentPositionModel, toPublish: boolean): Reply {
  if (!ecOk(ctx, ec)) return unknownEc(ec)
  const now = gpdNow(ctx.clock())
  const invalid = validatePosition(body, now, true)
  if (invalid) return badRequest(invalid)
  const position = toSim(body, ec, now)
  if (toPublish) publish(position, now)
  try {
    ctx.store.insert(position)
  } catch (error) {
    if (error instanceof DuplicateError) return conflict(`Debt Position already exists: ${error.message}`)
    throw error
  }
  return { status: 201, body: asModel(position) }
}

function updatePosition(ctx: BackendContext, ec: string, iupd: string, body: PaymentPositionModel, toPublish: boolean): Reply {
  const found = find(ctx, ec, iupd)
  if (isReply(found)) return found
  if (NOT_UPDATABLE.includes(found.status)) return conflict(`Debt position ${iupd} is not updatable in status ${found.status}`)
  const now = gpdNow(ctx.clock())
  const invalid = validatePosition(body, now, false)
  if (invalid) return badRequest(invalid)
  const next = toSim({ ...body, iupd }, ec, now, found)
  next.status = found.status
  next.publishDate = found.publishDate
  if (found.status === 'DRAFT') {
    if (toPublish) publish(next, now)
  } else if (found.status === 'EXPIRED') {
    next.status = 'VALID'
  }
  try {
    ctx.store.replace(next)
  } catch (error) {
    if (error instanceof DuplicateError) return conflict(error.message)
    throw error
  }
  return { status: 200, body: asModel(next) }
}

function removePosition(ctx: BackendContext, ec: string, iupd: string): Reply {
  const found = find(ctx, ec, iupd)
  if (isReply(found)) return found
  if (HAS_PAYMENTS.includes(found.status)) return conflict('Existing related payment found')
  ctx.store.delete(iupd)
  return { status: 200, body: 'OK' }
}

function publishPosition(ctx: BackendContext, ec: string, iupd: string): Reply {
  const found = find(ctx, ec, iupd)
  if (isReply(found)) return found
  if (found.status !== 'DRAFT') return conflict(`Debt position ${iupd} is not in DRAFT status`)
  const now = gpdNow(ctx.clock())
  if (found.paymentOption.some((o) => o.dueDate < now)) return conflict('Dates congruence error: due_date must be >= current_date')
  publish(found, now)
  found.lastUpdatedDate = now
  ctx.store.replace(found)
  return { status: 200, body: asModel(found) }
}

function invalidatePosition(ctx: BackendContext, ec: string, iupd: string): Reply {
  const found = find(ctx, ec, iupd)
  if (isReply(found)) return found
  if (found.status !== 'PUBLISHED' && found.status !== 'VALID') return conflict(`Debt position ${iupd} is not invalidable in status ${found.status}`)
  found.status = 'INVALID'
  found.lastUpdatedDate = gpdNow(ctx.clock())
  ctx.store.replace(found)
  return { status: 200, body: asModel(found) }
}

function payOption(ctx: BackendContext, ec: string, nav: string, data: PaymentData, receipt: boolean): Reply {
  if (!ecOk(ctx, ec)) return unknownEc(ec)
  const position = ctx.store.getByNav(nav)
  if (!position) return notFound(`Payment option ${nav} not found`)
  const option = position.paymentOption.find((o) => o.nav === nav)!
  if (option.status !== 'PO_UNPAID') return conflict(`Payment option ${nav} already paid`)
  if (position.status !== 'VALID' && position.status !== 'PARTIALLY_PAID') return conflict(`Debt position not payable in status ${position.status}`)
  if (position.status === 'PARTIALLY_PAID' && !option.isPartialPayment) return conflict('The single payment is not payable once an installment is paid')
  const now = gpdNow(ctx.clock())
  applyPayment(position, option, { ...data, paymentDate: data.paymentDate ?? now, now })
  ctx.store.replace(position)
  if (receipt) {
    ctx.store.saveReceipt({
      iuv: option.iuv, nav, iupd: position.iupd, organizationFiscalCode: ec, debtor: position.fiscalCode, companyName: position.companyName,
      paymentDateTime: option.paymentDate!, amount: option.amount, pspCompany: data.pspCompany, idReceipt: data.idReceipt
    })
  }
  return { status: 200, body: { ...option, transfer: option.transfer } }
}

/** One date window of the list (e.g. due_date_from/due_date_to): null when absent. */
function dateWindow(query: URLSearchParams, fromKey: string, toKey: string): [string, string] | Reply | null {
  let from = query.get(fromKey) ?? undefined
  let to = query.get(toKey) ?? undefined
  if (from === undefined && to === undefined) return null
  // Only one bound: GPD sets the other 30 days away.
  if (from === undefined) from = addDays(to!.slice(0, 10), -MAX_DAYS) + to!.slice(10)
  if (to === undefined) to = addDays(from.slice(0, 10), MAX_DAYS) + from.slice(10)
  if (to < from) return badRequest(`${fromKey} must precede ${toKey}`)
  if (daysBetween(from, to) > MAX_DAYS) return badRequest(`Dates interval not valid: the interval between ${fromKey} and ${toKey} must be at most ${MAX_DAYS} days`)
  return [from, to]
}

/** The store query for a list request, once its windows and ordering are valid. */
function listQuery(query: URLSearchParams, page: number, limit: number): ListQuery | Reply {
  const due = dateWindow(query, 'due_date_from', 'due_date_to')
  const paidDay = dateWindow(query, 'payment_date_from', 'payment_date_to')
  const paidTime = dateWindow(query, 'payment_date_time_from', 'payment_date_time_to')
  for (const w of [due, paidDay, paidTime]) if (w && !Array.isArray(w)) return w
  if (due && (paidDay || paidTime)) return badRequest('due_date and payment_date intervals are mutually exclusive')
  if (paidDay && paidTime) return badRequest('payment_date and payment_date_time are mutually exclusive')
  const orderby = (query.get('orderby') ?? 'INSERTED_DATE') as ListQuery['orderby']
  const ordering = (query.get('ordering') ?? 'DESC') as ListQuery['ordering']
  if (!['INSERTED_DATE', 'IUPD', 'STATUS', 'COMPANY_NAME'].includes(orderby) || !['ASC', 'DESC'].includes(ordering)) return badRequest('invalid ordering')
  const q: ListQuery = { orderby, ordering, page, limit, ...(query.get('status') ? { status: query.get('status')! } : {}) }
  if (Array.isArray(due)) Object.assign(q, { dueFrom: due[0].slice(0, 10), dueTo: due[1].slice(0, 10) })
  if (Array.isArray(paidDay)) Object.assign(q, { paidFrom: `${paidDay[0]}T00:00:00`, paidTo: `${paidDay[1]}T23:59:59.999999999` })
  if (Array.isArray(paidTime)) Object.assign(q, { paidFrom: paidTime[0], paidTo: paidTime[1] })
  return q
}

/**
 * The list, v1 (no debtor) or v3 (each payment option with its debtor and installments): the same
 * windows, pages and ordering; v3 filters on its own statuses.
 */
function listPositions(ctx: BackendContext, ec: string, query: URLSearchParams, version: 'v1' | 'v3'): Reply {
  if (!ecOk(ctx, ec)) return unknownEc(ec)
  const limit = Number(query.get('limit') ?? 10)
  const page = Number(query.get('page') ?? 0)
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) return badRequest('limit must be between 1 and 50')
  if (!Number.isInteger(page) || page < 0) return badRequest('page must be >= 0')
  const q = listQuery(query, page, limit)
  if (!('orderby' in q)) return q
  const wanted = query.get('status')
  if (version === 'v3' && wanted) {
    const statuses: string[] | undefined = (V1_STATUSES_OF as Record<string, string[] | undefined>)[wanted]
    if (!statuses) return badRequest(`invalid status ${wanted}`)
    q.status = statuses
  }
  const { items, total } = ctx.store.list(q)
  return {
    status: 200,
    body: {
      payment_position_list: version === 'v3' ? items.map(asV3) : items.map(asBase),
      page_info: { page, limit, items_found: items.length, total_pages: Math.ceil(total / limit) }
    }
  }
}

function listReceipts(ctx: BackendContext, ec: string, query: URLSearchParams): Reply {
  if (!ecOk(ctx, ec)) return unknownEc(ec)
  const pageNum = Number(query.get('pageNum') ?? 0)
  const pageSize = Number(query.get('pageSize') ?? 20)
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) return badRequest('pageSize must be between 1 and 100')
  const { items, total } = ctx.store.listReceipts({
    page: pageNum, size: pageSize,
    ...(query.get('from') ? { from: query.get('from')! } : {}),
    ...(query.get('to') ? { to: query.get('to')! } : {}),
    ...(query.get('debtorOrIuv') ? { debtorOrIuv: query.get('debtorOrIuv')! } : {})
  })
  return { status: 200, body: { currentPageNumber: pageNum, length: items.length, totalPages: Math.ceil(total / pageSize), results: items } }
}

function receiptXml(ctx: BackendContext, ec: string, iuv: string): Reply {
  if (!ecOk(ctx, ec)) return unknownEc(ec)
  const r = ctx.store.getReceipt(iuv)
  if (!r) return notFound(`Receipt ${iuv} not found`)
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?><receipt><receiptId>${r.idReceipt}</receiptId><noticeNumber>${r.nav}</noticeNumber>` +
    `<fiscalCode>${r.organizationFiscalCode}</fiscalCode><outcome>OK</outcome><creditorReferenceId>${r.iuv}</creditorReferenceId>` +
    `<paymentAmount>${(r.amount / 100).toFixed(2)}</paymentAmount><companyName>${r.companyName}</companyName>` +
    `<pspCompanyName>${r.pspCompany}</pspCompanyName><paymentDateTime>${r.paymentDateTime}</paymentDateTime></receipt>`
  return { status: 200, body: xml, contentType: 'application/xml' }
}

export function createSimulatedBackend(store: SimulatorStore, options: BackendOptions) {
  const ctx: BackendContext = { store, clock: options.now ?? Date.now, organizationFiscalCode: options.organizationFiscalCode }

  return {
    create(ec: string, body: PaymentPositionModel, toPublish: boolean): Reply {
      return createPosition(ctx, ec, body, toPublish)
    },

    update(ec: string, iupd: string, body: PaymentPositionModel, toPublish: boolean): Reply {
      return updatePosition(ctx, ec, iupd, body, toPublish)
    },

    remove(ec: string, iupd: string): Reply {
      return removePosition(ctx, ec, iupd)
    },

    publish(ec: string, iupd: string): Reply {
      return publishPosition(ctx, ec, iupd)
    },

    invalidate(ec: string, iupd: string): Reply {
      return invalidatePosition(ctx, ec, iupd)
    },

    getV1(ec: string, iupd: string): Reply {
      const found = find(ctx, ec, iupd)
      return isReply(found) ? found : { status: 200, body: asBase(found) }
    },

    getV3(ec: string, iupd: string): Reply {
      const found = find(ctx, ec, iupd)
      return isReply(found) ? found : { status: 200, body: asV3(found) }
    },

    /** Payment taken outside pagoPA: placeholders for the PSP, as GPD writes them. */
    markPaid(ec: string, nav: string, body: { paymentDate?: string }): Reply {
      return payOption(ctx, ec, nav, { paymentDate: body.paymentDate, paymentMethod: 'OTHER', pspCompany: 'NA', idReceipt: 'NA' }, false)
    },

    /** A citizen pays through a PSP: the internal API gpd-payments calls on paSendRT. */
    pay(ec: string, nav: string, body: PayPaymentOptionModel): Reply {
      return payOption(ctx, ec, nav, { paymentDate: body.paymentDate, paymentMethod: body.paymentMethod ?? 'CP', pspCompany: body.pspCompany, idReceipt: body.idReceipt }, true)
    },

    list(ec: string, query: URLSearchParams): Reply {
      return listPositions(ctx, ec, query, 'v1')
    },

    /** The v3 list: what a sync pages through, debtors included. */
    listV3(ec: string, query: URLSearchParams): Reply {
      return listPositions(ctx, ec, query, 'v3')
    },

    receipts(ec: string, query: URLSearchParams): Reply {
      return listReceipts(ctx, ec, query)
    },

    receipt(ec: string, iuv: string): Reply {
      return receiptXml(ctx, ec, iuv)
    }
  }
}

export type SimulatedBackend = ReturnType<typeof createSimulatedBackend>
export { dayOf }
