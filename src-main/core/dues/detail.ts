// Everything the due's page shows, from the cache alone: it opens instantly and offline.
import type Database from 'better-sqlite3'
import type { DueDetail, Permission } from '../../contract/desk'
import { AppError } from '../../contract/errors'
import type { Message } from '../../contract/messages'
import { chargedUnpaidStans, deskPaymentsOf, historyOf, openPosPaymentOf, optionsOf, positionWithType, transfersOf, unsentChangesOf, type OptionRow, type PositionRow, type TransferRow } from '../db/queries/dues'
import { queryDb } from '../db/queries/query-db'
import { dueActions } from './due-actions'
import { deskPaymentRefusal } from './desk-payment'
import { lastClosedDay } from '../db/queries/till'

export interface DetailContext {
  /** Why no card payment can start at this desk (no terminal), or null. */
  posRefusal?: () => Message | null
  /** Why no e-mail can be sent (no mail server), or null. */
  mailRefusal?: () => Message | null
  /** The desk has no number, so no receipt (and no payment) can be numbered (see receipts/numbering). */
  receiptRefusal?: () => Message | null
}

function parseJson(text: string | null): unknown {
  if (text === null) return null
  try {
    return JSON.parse(text) as unknown
  } catch {
    return null
  }
}

export function createDueDetail(sqlite: Database.Database, ctx: DetailContext = {}) {
  const db = queryDb(sqlite)
  return function detail(iupd: string, who: { role: string; permissions: readonly Permission[] }): DueDetail {
    const found = positionWithType(db, iupd)
    if (!found) throw new AppError('NOT_FOUND', 'dues.notInCache', { iupd })
    const p = found.position
    const optionRows = optionsOf(db, p.id)
    const openPos = openPosPaymentOf(db, iupd)
    return {
      ...positionFields(p, found.typeCode && found.typeLabel ? { code: found.typeCode, label: found.typeLabel } : null),
      options: optionRows.map((o) => toOption(o, transfersOf(db, o.id))),
      deskPayments: deskPaymentsOf(db, p.id),
      history: historyOf(db, iupd).map((h) => ({ at: h.at, operator: h.operator, action: h.action, reason: h.reason, before: parseJson(h.beforeJson), after: parseJson(h.afterJson) })),
      outbox: unsentChangesOf(db, iupd),
      posOpen: openPos ?? null,
      // The options a desk payment may settle now: the one rule of desk-payment.ts, per option.
      tillClosedThrough: lastClosedDay(db),
      payable: optionRows.filter((o) => deskPaymentRefusal(p.status, { status: o.status, isPartialPayment: o.isPartialPayment }) === null).map((o) => o.nav),
      actions: dueActions({
        status: p.status,
        optionStatuses: optionRows.map((o) => o.status),
        who,
        posOpen: openPos !== undefined,
        awaitingStans: chargedUnpaidStans(db, p.id).map((a) => a.stan),
        posRefusal: ctx.posRefusal?.() ?? null,
        mailRefusal: ctx.mailRefusal?.() ?? null,
        receiptRefusal: ctx.receiptRefusal?.() ?? null
      })
    }
  }
}

function positionFields(p: PositionRow, dueType: DueDetail['dueType']) {
  return {
    iupd: p.iupd,
    status: p.status,
    syncState: p.syncState,
    origin: p.origin,
    dueType,
    causale: p.causale,
    amountCents: p.amountCents,
    dueDate: p.dueDate,
    paidAt: p.paidAt,
    insertedAt: p.insertedAt ?? p.createdAt,
    lastUpdatedAt: p.lastUpdatedAt,
    companyName: p.companyName,
    officeName: p.officeName,
    debtor: {
      type: p.debtorType,
      fiscalCode: p.debtorFiscalCode,
      fullName: p.debtorName,
      streetName: p.debtorStreetName,
      civicNumber: p.debtorCivicNumber,
      postalCode: p.debtorPostalCode,
      city: p.debtorCity,
      province: p.debtorProvince,
      country: p.debtorCountry,
      email: p.debtorEmail,
      phone: p.debtorPhone
    }
  }
}

function toOption(o: OptionRow, transfers: TransferRow[]): DueDetail['options'][number] {
  return {
    nav: o.nav,
    iuv: o.iuv,
    installmentNo: o.installmentNo,
    amountCents: o.amountCents,
    description: o.description,
    dueDate: o.dueDate,
    status: o.status,
    paymentDate: o.paymentDate,
    paymentMethod: o.paymentMethod,
    pspCompany: o.pspCompany,
    idReceipt: o.idReceipt,
    transfers: transfers.map((t) => ({ idTransfer: t.idTransfer, amountCents: t.amountCents, category: t.category, remittanceInformation: t.remittanceInformation, iban: t.iban, postalIban: t.postalIban }))
  }
}
