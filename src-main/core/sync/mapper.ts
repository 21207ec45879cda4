// Between GPD's model and the desk's cache. The cache mirrors GPD (positions, options, transfers)
// so the mapping is field to field; what GPD does not hold (the due type) is derived.
import type Database from 'better-sqlite3'
import { AppError } from '../../contract/errors'
import type { DebtorModel, InstallmentResponseV3, PaymentPositionBaseResponse, PaymentPositionModel, PaymentPositionResponseV3, TransferModel } from '../gpd/types'
import { deleteCachedPosition } from '../db/delete-position'
import { issuerIdsWithinTransaction, positionIssuerIds } from '../db/position-issuers'
import { rememberDebtor } from '../debtors/records'
import { optionsOf, positionByIupd, transfersOf } from '../db/queries/dues'
import { queryDb } from '../db/queries/query-db'
import { gpdTimeToIso } from '../gpd/time'

const day = (dateTime: string) => dateTime.slice(0, 10)
/** What the desk prints as "entro il": GPD wants a date-time, the desk thinks in days. */
export const dueDateTime = (isoDay: string) => `${isoDay}T23:59:59`

/** The model GPD receives for a position of the cache (create and update are full replacements). */
export function positionModelFromCache(sqlite: Database.Database, iupd: string): PaymentPositionModel {
  const db = queryDb(sqlite)
  const p = positionByIupd(db, iupd)
  if (!p) throw new AppError('NOT_FOUND', 'sync.notInCache', { iupd })
  const optional = <K extends string>(key: K, value: string | null) => (value ? ({ [key]: value } as Record<K, string>) : {})
  return {
    iupd: p.iupd,
    type: p.debtorType,
    fiscalCode: p.debtorFiscalCode,
    fullName: p.debtorName,
    ...optional('streetName', p.debtorStreetName),
    ...optional('civicNumber', p.debtorCivicNumber),
    ...optional('postalCode', p.debtorPostalCode),
    ...optional('city', p.debtorCity),
    ...optional('province', p.debtorProvince),
    ...optional('region', p.debtorRegion),
    ...optional('country', p.debtorCountry),
    ...optional('email', p.debtorEmail),
    ...optional('phone', p.debtorPhone),
    companyName: p.companyName,
    ...optional('officeName', p.officeName),
    switchToExpired: p.switchToExpired,
    payStandIn: p.payStandIn,
    paymentOption: optionsOf(db, p.id).map((o) => ({
      iuv: o.iuv,
      nav: o.nav,
      amount: o.amountCents,
      description: o.description,
      isPartialPayment: o.isPartialPayment,
      dueDate: dueDateTime(o.dueDate),
      ...(o.retentionDate ? { retentionDate: o.retentionDate } : {}),
      transfer: transfersOf(db, o.id).map((t) => ({
        idTransfer: t.idTransfer as TransferModel['idTransfer'],
        amount: t.amountCents,
        category: t.category,
        remittanceInformation: t.remittanceInformation,
        ...optional('iban', t.iban),
        ...optional('postalIban', t.postalIban),
        ...optional('organizationFiscalCode', t.organizationFiscalCode),
        ...optional('companyName', t.companyName)
      }))
    }))
  }
}

export interface BackendPosition {
  base: PaymentPositionBaseResponse
  /** From the v3 list (or read); a position new to the cache is written only with it. */
  debtor?: DebtorModel
}

const V1_OPTION_STATUS: Record<NonNullable<InstallmentResponseV3['status']>, NonNullable<OptionResponse['status']>> = {
  UNPAID: 'PO_UNPAID', PAID: 'PO_PAID', PARTIALLY_REPORTED: 'PO_PARTIALLY_REPORTED', REPORTED: 'PO_REPORTED', UNPAYABLE: 'PO_UNPAID', EXPIRED: 'PO_UNPAID'
}

/**
 * The cache keeps v1's statuses, finer than v3's: UNPAYABLE is EXPIRED when an option says it
 * expired, INVALID otherwise; PAID is REPORTED when every option paid has been reported.
 */
function v1Status(p: PaymentPositionResponseV3, installments: InstallmentResponseV3[]): PaymentPositionBaseResponse['status'] {
  if (p.status === 'UNPAYABLE') return installments.some((i) => i.status === 'EXPIRED') ? 'EXPIRED' : 'INVALID'
  if (p.status === 'PAID') {
    const settled = installments.filter((i) => i.status !== 'UNPAID' && i.status !== 'UNPAYABLE' && i.status !== 'EXPIRED')
    return settled.length > 0 && settled.every((i) => i.status === 'REPORTED') ? 'REPORTED' : 'PAID'
  }
  return p.status
}

/** The object without its undefined members (a loop: entries and fromEntries allocated more than the mapping itself). */
const defined = <T extends object>(o: T): T => {
  const out: Record<string, unknown> = {}
  for (const key in o) if (o[key] !== undefined) out[key] = o[key]
  return out as T
}

/**
 * A position of the v3 list in the shape the writer takes: v3 groups the installments of a plan
 * in one payment option (a single payment is an option of one installment), and gives each option
 * its debtor, so the list alone is enough to cache a position no one here has seen.
 */
export function fromV3(p: PaymentPositionResponseV3): BackendPosition {
  const options = p.paymentOption ?? []
  const installments = options.flatMap((o) => (o.installments ?? []).map((i) => ({ o, i, partial: (o.installments ?? []).length > 1 })))
  const first = options[0]
  const base: PaymentPositionBaseResponse = defined({
    iupd: p.iupd,
    organizationFiscalCode: p.organizationFiscalCode,
    type: first?.debtor?.type,
    companyName: p.companyName,
    officeName: p.officeName,
    insertedDate: p.insertedDate,
    publishDate: p.publishDate,
    validityDate: first?.validityDate,
    paymentDate: p.paymentDate,
    status: v1Status(p, installments.map((x) => x.i)),
    lastUpdatedDate: p.lastUpdatedDate,
    paymentOption: installments.map(({ o, i, partial }) =>
      defined({
        nav: i.nav,
        iuv: i.iuv,
        organizationFiscalCode: i.organizationFiscalCode,
        amount: i.amount,
        description: i.description,
        isPartialPayment: partial,
        dueDate: i.dueDate,
        retentionDate: o.retentionDate,
        paymentDate: i.paymentDate,
        reportingDate: i.reportingDate,
        insertedDate: o.insertedDate,
        paymentMethod: i.paymentMethod,
        fee: i.fee,
        notificationFee: i.notificationFee,
        pspCompany: i.pspCompany,
        idReceipt: i.idReceipt,
        idFlowReporting: i.idFlowReporting,
        status: i.status ? V1_OPTION_STATUS[i.status] : undefined,
        lastUpdatedDate: i.lastUpdatedDate,
        transfer: i.transfer
      })
    )
  })
  const debtor = options.find((o) => o.debtor)?.debtor
  return debtor ? { base, debtor } : { base }
}

/** Whether the cache may keep a position (see privacy/citizen-data): closed dues of erased citizens, or past retention, stay out. */
export type CacheAdmission = (position: { status: string; debtorFiscalCode: string | null; closedAt: string | null }) => boolean

/**
 * A payment the desk reported (cash, POS...) comes back from GPD with placeholders ("NA",
 * "OTHER"): the desk's own record of how it was paid is kept instead.
 */
const DESK_PAID = "@pspCompany = 'NA' AND EXISTS (SELECT 1 FROM desk_payments d WHERE d.option_id = @id)"

const keep = (value: string | undefined) => value ?? null
/** created_at is written only for a position without GPD's insertedDate: the due's page shows it then (see schema). */
const CREATED_AT = "CASE WHEN @insertedDate IS NULL THEN strftime('%Y-%m-%dT%H:%M:%fZ','now') END"
type OptionResponse = NonNullable<PaymentPositionBaseResponse['paymentOption']>[number]

/** The statements the writer runs, prepared once. */
function prepareWriter(sqlite: Database.Database) {
  const selectPosition = sqlite.prepare<[string], { id: number; debtor_fiscal_code: string }>('SELECT id, debtor_fiscal_code FROM positions WHERE iupd = ?')
  const typeByTaxonomy = new Map(sqlite.prepare<[], { id: number; taxonomy_code: string }>('SELECT id, taxonomy_code FROM due_types').all().map((r) => [r.taxonomy_code, r.id]))
  const insertPosition = sqlite.prepare(
    `INSERT INTO positions (iupd, due_type_id, status, debtor_type, debtor_fiscal_code, debtor_name,
       debtor_street_name, debtor_civic_number, debtor_postal_code, debtor_city, debtor_province, debtor_region, debtor_country, debtor_email, debtor_phone,
       issuer_id, causale, amount_cents, due_date, inserted_at, last_updated_at, paid_at, origin, sync_state, created_at)
     VALUES (@iupd, @dueTypeId, @status, @type, @fiscalCode, @fullName, @streetName, @civicNumber, @postalCode, @city, @province, @region, @country,
       @email, @phone, @issuerId, @causale, @amount, @dueDate, @insertedDate, @lastUpdatedDate, @paymentDate, 'backend', 'synced', ${CREATED_AT})`
  )
  const updatePosition = sqlite.prepare(
    `UPDATE positions SET status = @status, due_type_id = coalesce(@dueTypeId, due_type_id), issuer_id = @issuerId,
       causale = @causale, amount_cents = @amount, due_date = @dueDate, inserted_at = @insertedDate,
       last_updated_at = @lastUpdatedDate, paid_at = @paymentDate, sync_state = 'synced', created_at = coalesce(created_at, ${CREATED_AT}) WHERE id = @id`
  )
  const updateDebtor = sqlite.prepare(
    `UPDATE positions SET debtor_type = @type, debtor_fiscal_code = @fiscalCode, debtor_name = @fullName, debtor_street_name = @streetName,
       debtor_civic_number = @civicNumber, debtor_postal_code = @postalCode, debtor_city = @city, debtor_province = @province,
       debtor_region = @region, debtor_country = @country, debtor_email = @email, debtor_phone = @phone WHERE id = @id`
  )
  const existingOption = sqlite.prepare<[string], { id: number; position_id: number }>('SELECT id, position_id FROM payment_options WHERE nav = ?')
  const insertOption = sqlite.prepare(
    `INSERT INTO payment_options (position_id, iuv, nav, amount_cents, description, due_date, retention_date, is_partial_payment, installment_no, status,
       payment_date, payment_method, psp_company, id_receipt, fee_cents)
     VALUES (@positionId, @iuv, @nav, @amount, @description, @dueDate, @retentionDate, @isPartial, @installmentNo, @status,
       @paymentDate, @paymentMethod, @pspCompany, @idReceipt, @fee)`
  )
  const updateOption = sqlite.prepare(
    `UPDATE payment_options SET position_id = @positionId, iuv = @iuv, amount_cents = @amount, description = @description, due_date = @dueDate,
       retention_date = @retentionDate, is_partial_payment = @isPartial, installment_no = @installmentNo, status = @status, payment_date = @paymentDate,
       payment_method = CASE WHEN ${DESK_PAID} THEN payment_method ELSE @paymentMethod END,
       psp_company = CASE WHEN ${DESK_PAID} THEN psp_company ELSE @pspCompany END,
       id_receipt = @idReceipt, fee_cents = @fee WHERE id = @id`
  )
  const deleteTransfers = sqlite.prepare('DELETE FROM transfers WHERE option_id = ?')
  const optionsOf = sqlite.prepare<[number], { id: number }>('SELECT id FROM payment_options WHERE position_id = ?')
  const insertTransfer = sqlite.prepare(
    `INSERT INTO transfers (option_id, id_transfer, amount_cents, category, remittance_information, iban, postal_iban, organization_fiscal_code, company_name, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
  return { selectPosition, typeByTaxonomy, issuerId: positionIssuerIds(sqlite), insertPosition, updatePosition, updateDebtor, existingOption, insertOption, updateOption, deleteTransfers, optionsOf, insertTransfer }
}
type WriterStatements = ReturnType<typeof prepareWriter>

function debtorParams(d: DebtorModel) {
  return {
    type: d.type,
    fiscalCode: d.fiscalCode.toUpperCase(),
    fullName: d.fullName,
    streetName: keep(d.streetName),
    civicNumber: keep(d.civicNumber),
    postalCode: keep(d.postalCode),
    city: keep(d.city),
    province: keep(d.province),
    region: keep(d.region),
    country: keep(d.country),
    email: keep(d.email),
    phone: keep(d.phone)
  }
}

/**
 * The debtor of a synced position becomes a known citizen, or brings a known one up to date: its
 * data are as of GPD's last change of the position, so the desk's or the registry's newer data stay.
 */
function rememberSyncedDebtor(sqlite: Database.Database, d: DebtorModel, base: PaymentPositionBaseResponse): void {
  const { region: _region, ...fields } = debtorParams(d)
  const at = gpdTimeToIso(base.lastUpdatedDate) ?? gpdTimeToIso(base.insertedDate) ?? new Date().toISOString()
  rememberDebtor(sqlite, fields, { source: 'sync', at })
}

/** The position's own columns, from its options: causale, total, the next due date, the type by taxonomy. */
function positionFields(base: PaymentPositionBaseResponse, singles: OptionResponse[], plan: OptionResponse[], typeByTaxonomy: Map<string, number>) {
  const options = [...singles, ...plan]
  const open = options.filter((o) => o.status === 'PO_UNPAID').map((o) => day(o.dueDate ?? ''))
  const allDue = options.map((o) => day(o.dueDate ?? ''))
  const first = singles[0] ?? plan[0]
  const firstTransfer = first?.transfer?.[0]
  return {
    status: base.status ?? 'VALID',
    dueTypeId: (firstTransfer?.category && typeByTaxonomy.get(firstTransfer.category)) ?? null,
    companyName: base.companyName ?? '',
    officeName: keep(base.officeName),
    causale: (first?.description ?? '').replace(/ - rata \d+ di \d+$/, ''),
    amount: singles[0]?.amount ?? plan.reduce((s, o) => s + (o.amount ?? 0), 0),
    dueDate: (open.length ? open : allDue).sort()[0] ?? '',
    insertedDate: keep(base.insertedDate),
    lastUpdatedDate: keep(base.lastUpdatedDate),
    paymentDate: keep(base.paymentDate)
  }
}

function optionParams(positionId: number, o: OptionResponse, no: number) {
  return {
    positionId,
    iuv: o.iuv ?? '',
    nav: o.nav ?? `3${o.iuv}`,
    amount: o.amount ?? 0,
    description: o.description ?? '',
    dueDate: day(o.dueDate ?? ''),
    retentionDate: keep(o.retentionDate),
    isPartial: o.isPartialPayment ? 1 : 0,
    installmentNo: no,
    status: o.status ?? 'PO_UNPAID',
    paymentDate: keep(o.paymentDate),
    paymentMethod: keep(o.paymentMethod),
    pspCompany: keep(o.pspCompany),
    idReceipt: keep(o.idReceipt),
    fee: o.fee ?? null
  }
}

/**
 * Options are matched on their notice number so that desk payments keep pointing at them; those the
 * backend no longer has go. A position new to the cache has none yet: its options are only inserted
 * (most of an initial sync, where the lookups would be most of the work).
 */
function writeOptions(sqlite: Database.Database, st: WriterStatements, positionId: number, singles: OptionResponse[], plan: OptionResponse[], isNew: boolean): void {
  const seen = new Set<number>()
  const numbered = [...singles.map((o) => ({ o, no: 0 })), ...plan.map((o, i) => ({ o, no: i + 1 }))]
  for (const { o, no } of numbered) {
    const params = optionParams(positionId, o, no)
    const current = isNew ? undefined : st.existingOption.get(params.nav)
    const optionId = current ? (st.updateOption.run({ ...params, id: current.id }), current.id) : Number(st.insertOption.run(params).lastInsertRowid)
    seen.add(optionId)
    if (!isNew) st.deleteTransfers.run(optionId)
    for (const t of o.transfer ?? []) {
      st.insertTransfer.run(optionId, t.idTransfer ?? '1', t.amount ?? 0, t.category ?? '', t.remittanceInformation ?? '', keep(t.iban), keep(t.postalIban), keep(t.organizationFiscalCode), keep(t.companyName), t.status ?? 'T_UNREPORTED')
    }
  }
  if (isNew) return
  // Options the backend no longer has (an update elsewhere replaced them).
  const stale = st.optionsOf.all(positionId).map((r) => r.id).filter((id) => !seen.has(id))
  if (stale.length) {
    sqlite.prepare(`DELETE FROM payment_options WHERE id IN (${stale.map(() => '?').join(',')}) AND id NOT IN (SELECT option_id FROM desk_payments)`).run(...stale)
  }
}

/** What the writer needs of a position the cache already holds. */
export interface CachedPosition {
  id: number
  debtor_fiscal_code: string
}

/**
 * A batch's writes of a kind, run after all its positions are written: each table's inserts one
 * after the other keep its pages in the processor's caches (interleaved with the positions'
 * full-text inserts, the transfers cost twice as much).
 */
function deferredWrites() {
  const debtors: (() => void)[] = []
  const options: (() => void)[] = []
  return {
    debtors,
    options,
    /** Debtors first, then options, each in the order their positions were written. */
    run(): void {
      for (const write of debtors.splice(0)) write()
      for (const write of options.splice(0)) write()
    }
  }
}

/**
 * Writes the backend's view of positions into the cache. write() returns false when a position is
 * new and no debtor was given (the caller must fetch it first), or the cache does not keep it.
 */
export function createBackendWriter(sqlite: Database.Database, admits: CacheAdmission = () => true) {
  const st = prepareWriter(sqlite)
  let issuerOf = st.issuerId
  let deferred: ReturnType<typeof deferredWrites> | null = null
  const now = (queue: 'debtors' | 'options', write: () => void) => (deferred ? deferred[queue].push(write) : write())
  return {
    isKnown(iupd: string): boolean {
      return st.selectPosition.get(iupd) !== undefined
    },
    /**
     * Runs work, which writes many positions, in one transaction: the issuers are looked up once
     * for all of them, and their debtors and options are written after them (deferredWrites).
     */
    batch<T>(work: () => T): T {
      return sqlite.transaction(() => {
        issuerOf = issuerIdsWithinTransaction(st.issuerId)
        deferred = deferredWrites()
        try {
          const result = work()
          deferred.run()
          return result
        } finally {
          issuerOf = st.issuerId
          deferred = null
        }
      })()
    },
    /** Inside batch(): writes what waits, before the caller reads a position it wrote in the batch. */
    settle(): void {
      deferred?.run()
    },
    /** existing: the cache's row for the position when the caller has read it (null: not in the cache). */
    write({ base, debtor }: BackendPosition, existing: CachedPosition | null | undefined = st.selectPosition.get(base.iupd!)): boolean {
      const iupd = base.iupd!
      const options = [...(base.paymentOption ?? [])]
      const singles = options.filter((o) => !o.isPartialPayment)
      const plan = options.filter((o) => o.isPartialPayment).sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? ''))
      const fields = positionFields(base, singles, plan, st.typeByTaxonomy)
      const debtorFiscalCode = debtor?.fiscalCode.toUpperCase() ?? existing?.debtor_fiscal_code ?? null
      if (!admits({ status: fields.status, debtorFiscalCode, closedAt: base.paymentDate ?? base.lastUpdatedDate ?? null })) {
        if (existing) deleteCachedPosition(sqlite, existing.id)
        return false
      }
      let positionId: number
      if (existing) {
        positionId = existing.id
        st.updatePosition.run({ ...fields, issuerId: issuerOf(fields.companyName, fields.officeName), id: positionId })
        if (debtor) st.updateDebtor.run({ ...debtorParams(debtor), id: positionId })
      } else {
        if (!debtor) return false
        positionId = Number(st.insertPosition.run({ ...fields, issuerId: issuerOf(fields.companyName, fields.officeName), ...debtorParams(debtor), iupd }).lastInsertRowid)
      }
      if (debtor) now('debtors', () => rememberSyncedDebtor(sqlite, debtor, base))
      now('options', () => writeOptions(sqlite, st, positionId, singles, plan, !existing))
      return true
    }
  }
}
