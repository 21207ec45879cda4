// Everything the due's page shows, from the cache alone: it opens instantly and offline.
import type Database from 'better-sqlite3'
import type { ActionState, DueDetail } from '../../contract/desk'
import { roleRefusal, type Permission } from '../../contract/desk'
import type { PositionStatus } from '../../contract/dues'
import { AppError } from '../../contract/errors'
import { whyNotAllowed, type PositionAction } from '../pagopa/status-rules'
import { awaitingReceiptRefusal, OPEN_PAYMENT_REFUSAL, OPEN_STATES, POS_APPROVED_STATES as APPROVED_STATES } from '../../contract/pos'
import { deskPaymentRefusal } from './desk-payment'
import { planEditRefusal } from './plan-edit'

export interface DetailContext {
  /** Why no card payment can start at this desk (no terminal), or null. */
  posRefusal?: () => string | null
  /** Why no e-mail can be sent (no mail server), or null. */
  mailRefusal?: () => string | null
}

const PERMISSION_OF: Record<'edit' | 'delete' | 'invalidate' | 'registerPayment', Permission> = {
  edit: 'dues.edit',
  delete: 'dues.delete',
  invalidate: 'dues.delete',
  registerPayment: 'dues.registerPayment'
}
const ACTION_OF: Record<'edit' | 'delete' | 'invalidate' | 'registerPayment', PositionAction> = {
  edit: 'edit',
  delete: 'delete',
  invalidate: 'invalidate',
  registerPayment: 'markPaid'
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
    const pending = outbox.all(iupd) as { operation: string; state: string; created_at: string; attempts: number; last_error: string | null }[]
    const optionRows = options.all(p.id) as Record<string, unknown>[]
    const state = (action: keyof typeof PERMISSION_OF): ActionState => {
      if (!who.permissions.includes(PERMISSION_OF[action])) return { allowed: false, reason: roleRefusal(PERMISSION_OF[action], who.role) }
      const why = whyNotAllowed(ACTION_OF[action], status) ?? (action === 'edit' ? planEditRefusal(optionRows.map((o) => String(o.status))) : null)
      return why ? { allowed: false, reason: why } : { allowed: true, reason: null }
    }
    /** The first of: the role, the desk's own condition (terminal, mail server), the due's. */
    const gated = (permission: Permission, desk: string | null, due: ActionState): ActionState => {
      if (!who.permissions.includes(permission)) return { allowed: false, reason: roleRefusal(permission, who.role) }
      if (desk) return { allowed: false, reason: desk }
      return due
    }
    const paymentState = state('registerPayment')
    // The options a desk payment may settle now: the one rule of desk-payment.ts, per option.
    const payable = optionRows
      .filter((o) => deskPaymentRefusal(status, { status: String(o.status), isPartialPayment: o.is_partial_payment === 1 }) === null)
      .map((o) => String(o.nav))
    const openPos = posOpen.get(iupd, ...OPEN_STATES) as { id: string; nav: string; amount_cents: number; state: string; message: string | null; created_at: string } | undefined
    const awaiting = posAwaiting.all(p.id, ...APPROVED_STATES) as { stan: string | null }[]
    const unpaidCount = optionRows.filter((o) => o.status === 'PO_UNPAID').length
    // A notice can be printed or sent while something is still to be paid on it.
    const noticeState: ActionState =
      status === 'PAID' || status === 'REPORTED'
        ? { allowed: false, reason: 'Il dovuto risulta già pagato: non c’è un avviso da stampare o inviare.' }
        : status === 'INVALID'
          ? { allowed: false, reason: 'Il dovuto è annullato: non c’è un avviso da stampare o inviare.' }
          : optionRows.some((o) => o.status === 'PO_UNPAID')
            ? { allowed: true, reason: null }
            : { allowed: false, reason: 'Nessuna rata ancora da pagare.' }
    return {
      iupd,
      status,
      syncState: p.sync_state as DueDetail['syncState'],
      origin: p.origin as string,
      dueType: p.type_code ? { code: p.type_code as string, label: p.type_label as string } : null,
      causale: p.causale as string,
      amountCents: p.amount_cents as number,
      dueDate: p.due_date as string,
      paidAt: (p.paid_at as string | null) ?? null,
      insertedAt: (p.inserted_at as string | null) ?? (p.created_at as string),
      lastUpdatedAt: (p.last_updated_at as string | null) ?? null,
      companyName: p.company_name as string,
      officeName: (p.office_name as string | null) ?? null,
      debtor: {
        type: p.debtor_type as 'F' | 'G',
        fiscalCode: p.debtor_fiscal_code as string,
        fullName: p.debtor_name as string,
        streetName: (p.debtor_street_name as string | null) ?? null,
        civicNumber: (p.debtor_civic_number as string | null) ?? null,
        postalCode: (p.debtor_postal_code as string | null) ?? null,
        city: (p.debtor_city as string | null) ?? null,
        province: (p.debtor_province as string | null) ?? null,
        country: (p.debtor_country as string | null) ?? null,
        email: (p.debtor_email as string | null) ?? null,
        phone: (p.debtor_phone as string | null) ?? null
      },
      options: optionRows.map((o) => ({
        nav: o.nav as string,
        iuv: o.iuv as string,
        installmentNo: o.installment_no as number,
        amountCents: o.amount_cents as number,
        description: o.description as string,
        dueDate: o.due_date as string,
        status: o.status as DueDetail['options'][number]['status'],
        paymentDate: (o.payment_date as string | null) ?? null,
        paymentMethod: (o.payment_method as string | null) ?? null,
        pspCompany: (o.psp_company as string | null) ?? null,
        idReceipt: (o.id_receipt as string | null) ?? null,
        transfers: (transfers.all(o.id) as Record<string, unknown>[]).map((t) => ({
          idTransfer: t.id_transfer as string,
          amountCents: t.amount_cents as number,
          category: t.category as string,
          remittanceInformation: t.remittance_information as string,
          iban: (t.iban as string | null) ?? null,
          postalIban: (t.postal_iban as string | null) ?? null
        }))
      })),
      deskPayments: (payments.all(p.id) as Record<string, unknown>[]).map((d) => ({
        nav: d.nav as string,
        channel: d.channel as string,
        paidAt: d.paid_at as string,
        amountCents: d.amount_cents as number,
        reference: (d.reference as string | null) ?? null,
        operator: d.operator as string,
        note: (d.note as string | null) ?? null
      })),
      history: (history.all(iupd) as Record<string, string | null>[]).map((h) => ({
        at: h.at!,
        operator: h.operator!,
        action: h.action!,
        reason: h.reason ?? null,
        before: parseJson(h.before_json ?? null),
        after: parseJson(h.after_json ?? null)
      })),
      outbox: pending.map((e) => ({ operation: e.operation, state: e.state, createdAt: e.created_at, attempts: e.attempts, lastError: e.last_error })),
      posOpen: openPos ? { id: openPos.id, nav: openPos.nav, amountCents: openPos.amount_cents, state: openPos.state, message: openPos.message, createdAt: openPos.created_at } : null,
      payable,
      actions: {
        edit: state('edit'),
        delete: state('delete'),
        invalidate: state('invalidate'),
        registerPayment: paymentState,
        print: gated('notices.print', null, noticeState),
        email: gated('notices.email', ctx.mailRefusal?.() ?? null, noticeState),
        // Paying at the terminal needs the desk's terminal, and what registering a payment needs.
        pos: gated(
          'pos.pay',
          ctx.posRefusal?.() ?? null,
          openPos
            ? { allowed: false, reason: OPEN_PAYMENT_REFUSAL }
            : awaiting.length > 0 && awaiting.length >= unpaidCount
              ? { allowed: false, reason: awaitingReceiptRefusal(awaiting[0]!.stan) }
              : (whyNotAllowed('markPaid', status) ? { allowed: false, reason: whyNotAllowed('markPaid', status) } : noticeState)
        )
      }
    }
  }
}
