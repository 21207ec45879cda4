// Everything the due's page shows, from the cache alone: it opens instantly and offline.
import type Database from 'better-sqlite3'
import type { DueDetail, Permission } from '../../contract/desk'
import type { PositionStatus } from '../../contract/dues'
import { AppError } from '../../contract/errors'
import { OPEN_STATES, POS_APPROVED_STATES as APPROVED_STATES } from '../../contract/pos'
import { dueActions } from './due-actions'
import { deskPaymentRefusal } from './desk-payment'

export interface DetailContext {
  /** Why no card payment can start at this desk (no terminal), or null. */
  posRefusal?: () => string | null
  /** Why no e-mail can be sent (no mail server), or null. */
  mailRefusal?: () => string | null
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
  const position = sqlite.prepare('SELECT p.*, t.code AS type_code, t.label AS type_label FROM positions p LEFT JOIN due_types t ON t.id = p.due_type_id WHERE p.iupd = ?')
  const options = sqlite.prepare('SELECT * FROM payment_options WHERE position_id = ? ORDER BY installment_no')
  const transfers = sqlite.prepare('SELECT * FROM transfers WHERE option_id = ? ORDER BY id_transfer')
  const payments = sqlite.prepare(
    'SELECT o.nav, d.channel, d.paid_at, d.amount_cents, d.reference, d.operator, d.note FROM desk_payments d JOIN payment_options o ON o.id = d.option_id WHERE o.position_id = ? ORDER BY d.id'
  )
  const history = sqlite.prepare("SELECT at, operator, action, reason, before_json, after_json FROM audit_log WHERE entity = 'position' AND entity_key = ? ORDER BY id DESC LIMIT 200")
  const outbox = sqlite.prepare("SELECT operation, state, created_at, attempts, last_error FROM outbox WHERE iupd = ? AND state != 'done' ORDER BY id")
  const posOpen = sqlite.prepare(`SELECT id, nav, amount_cents, state, message, created_at FROM pos_journal WHERE iupd = ? AND state IN (${OPEN_STATES.map(() => '?').join(', ')}) ORDER BY created_at DESC LIMIT 1`)

  /** Unpaid installments a PSP terminal has charged: paid once their pagoPA receipt comes through sync. */
  const posAwaiting = sqlite.prepare(
    `SELECT j.stan FROM payment_options o JOIN pos_journal j ON j.nav = o.nav WHERE o.position_id = ? AND o.status = 'PO_UNPAID' AND j.state IN (${APPROVED_STATES.map(() => '?').join(', ')})`
  )

  return function detail(iupd: string, who: { role: string; permissions: readonly Permission[] }): DueDetail {
    const p = position.get(iupd) as Record<string, unknown> | undefined
    if (!p) throw new AppError('NOT_FOUND', `Dovuto ${iupd} non trovato nella cache locale.`)
    const status = p.status as PositionStatus
    const optionRows = options.all(p.id) as Record<string, unknown>[]
    const openPos = posOpen.get(iupd, ...OPEN_STATES) as { id: string; nav: string; amount_cents: number; state: string; message: string | null; created_at: string } | undefined
    const awaiting = posAwaiting.all(p.id, ...APPROVED_STATES) as { stan: string | null }[]
    return {
      ...positionFields(iupd, p),
      options: optionRows.map((o) => toOption(o, transfers.all(o.id) as Record<string, unknown>[])),
      deskPayments: (payments.all(p.id) as Record<string, unknown>[]).map(toDeskPayment),
      history: (history.all(iupd) as Record<string, string | null>[]).map(toHistory),
      outbox: (outbox.all(iupd) as { operation: string; state: string; created_at: string; attempts: number; last_error: string | null }[]).map((e) => ({ operation: e.operation, state: e.state, createdAt: e.created_at, attempts: e.attempts, lastError: e.last_error })),
      posOpen: openPos ? { id: openPos.id, nav: openPos.nav, amountCents: openPos.amount_cents, state: openPos.state, message: openPos.message, createdAt: openPos.created_at } : null,
      // The options a desk payment may settle now: the one rule of desk-payment.ts, per option.
      payable: optionRows.filter((o) => deskPaymentRefusal(status, { status: String(o.status), isPartialPayment: o.is_partial_payment === 1 }) === null).map((o) => String(o.nav)),
      actions: dueActions({
        status,
        optionStatuses: optionRows.map((o) => String(o.status)),
        who,
        posOpen: openPos !== undefined,
        awaitingStans: awaiting.map((a) => a.stan),
        posRefusal: ctx.posRefusal?.() ?? null,
        mailRefusal: ctx.mailRefusal?.() ?? null
      })
    }
  }
}

const text = (value: unknown) => (value as string | null) ?? null

function positionFields(iupd: string, p: Record<string, unknown>) {
  return {
    iupd,
    status: p.status as PositionStatus,
    syncState: p.sync_state as DueDetail['syncState'],
    origin: p.origin as string,
    dueType: p.type_code ? { code: p.type_code as string, label: p.type_label as string } : null,
    causale: p.causale as string,
    amountCents: p.amount_cents as number,
    dueDate: p.due_date as string,
    paidAt: text(p.paid_at),
    insertedAt: text(p.inserted_at) ?? (p.created_at as string),
    lastUpdatedAt: text(p.last_updated_at),
    companyName: p.company_name as string,
    officeName: text(p.office_name),
    debtor: {
      type: p.debtor_type as 'F' | 'G',
      fiscalCode: p.debtor_fiscal_code as string,
      fullName: p.debtor_name as string,
      streetName: text(p.debtor_street_name),
      civicNumber: text(p.debtor_civic_number),
      postalCode: text(p.debtor_postal_code),
      city: text(p.debtor_city),
      province: text(p.debtor_province),
      country: text(p.debtor_country),
      email: text(p.debtor_email),
      phone: text(p.debtor_phone)
    }
  }
}

function toOption(o: Record<string, unknown>, transfers: Record<string, unknown>[]): DueDetail['options'][number] {
  return {
    nav: o.nav as string,
    iuv: o.iuv as string,
    installmentNo: o.installment_no as number,
    amountCents: o.amount_cents as number,
    description: o.description as string,
    dueDate: o.due_date as string,
    status: o.status as DueDetail['options'][number]['status'],
    paymentDate: text(o.payment_date),
    paymentMethod: text(o.payment_method),
    pspCompany: text(o.psp_company),
    idReceipt: text(o.id_receipt),
    transfers: transfers.map((t) => ({
      idTransfer: t.id_transfer as string,
      amountCents: t.amount_cents as number,
      category: t.category as string,
      remittanceInformation: t.remittance_information as string,
      iban: text(t.iban),
      postalIban: text(t.postal_iban)
    }))
  }
}

function toDeskPayment(d: Record<string, unknown>): DueDetail['deskPayments'][number] {
  return { nav: d.nav as string, channel: d.channel as string, paidAt: d.paid_at as string, amountCents: d.amount_cents as number, reference: text(d.reference), operator: d.operator as string, note: text(d.note) }
}

function toHistory(h: Record<string, string | null>): DueDetail['history'][number] {
  return { at: h.at!, operator: h.operator!, action: h.action!, reason: h.reason ?? null, before: parseJson(h.before_json ?? null), after: parseJson(h.after_json ?? null) }
}
