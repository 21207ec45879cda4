// "Pagamento tramite POS": the journal-first payment flow. Before anything reaches the terminal
// the attempt is in the journal (flushed to disk); each step is recorded; one payment per terminal
// and per due at a time. A request that may have reached the terminal is never sent again: an
// unknown outcome is recovered by asking the terminal for its last result (G) and comparing it
// with what it held before; if that still cannot tell, the due stays locked as "esito incerto"
// and the operator decides with the facts on screen, never by charging again.
import type Database from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import { AppError } from '../../contract/errors'
import { createAuditLog } from '../audit/audit-log'
import { createOutbox } from '../sync/outbox'
import { ecr17, parsePaymentResult, type Ecr17Ids, type PaymentResult } from './ecr17/messages'
import type { Ecr17Session } from './ecr17/session'

export type JournalState = 'sending' | 'approved' | 'declined' | 'not-sent' | 'unknown' | 'not-performed' | 'uncertain' | 'resolved-approved' | 'resolved-not-performed'
const OPEN_STATES: JournalState[] = ['sending', 'unknown', 'uncertain']

export interface PosPaymentOutcome {
  id: string
  state: JournalState
  message: string
  stan: string | null
}

export interface PosPaymentsOptions {
  sqlite: Database.Database
  session: Ecr17Session
  ids: Ecr17Ids
  operator: () => string
  onProgress?: (journalId: string, text: string) => void
  /** Called when a due's payment is recorded (to refresh statuses, push the outbox). */
  onRecorded?: (iupd: string) => void
}

export function createPosPayments(options: PosPaymentsOptions) {
  const { sqlite, session, ids } = options
  const audit = createAuditLog(sqlite)
  const outbox = createOutbox(sqlite)
  let busy = false

  /** Journal writes are flushed to disk before the next step: they must survive a power cut. */
  function durably<T>(work: () => T): T {
    sqlite.pragma('synchronous = FULL')
    try {
      return sqlite.transaction(work)()
    } finally {
      sqlite.pragma('synchronous = NORMAL')
    }
  }
  const setState = (id: string, state: JournalState, extra: Record<string, string | null> = {}) => {
    const columns = Object.keys(extra)
    sqlite
      .prepare(`UPDATE pos_journal SET state = ?, updated_at = ? ${columns.map((c) => `, ${c} = ?`).join('')} WHERE id = ?`)
      .run(state, new Date().toISOString(), ...columns.map((c) => extra[c] ?? null), id)
  }
  const entry = (id: string) => sqlite.prepare('SELECT * FROM pos_journal WHERE id = ?').get(id) as Record<string, string | number | null>

  /** The approved payment becomes a desk payment on the due, and GPD hears of it through the outbox. */
  function recordApproved(id: string, result: Extract<PaymentResult, { outcome: 'approved' }>, state: JournalState, message: string): void {
    const j = entry(id)
    let recorded = false
    durably(() => {
      const option = sqlite.prepare('SELECT id, position_id, is_partial_payment, status FROM payment_options WHERE nav = ?').get(j.nav) as { id: number; position_id: number; is_partial_payment: number; status: string } | undefined
      // An installment is never recorded as paid twice: an approval for one already paid is a
      // possible double charge, for the operator to check on the terminal's journal.
      if (option && option.status !== 'PO_UNPAID') {
        setState(id, 'uncertain', { stan: result.stan, auth_code: result.authCode, pan: result.pan, message: `Esito incerto: il POS riporta un pagamento approvato (STAN ${result.stan}) per un avviso già pagato. Verificare un possibile doppio addebito.` })
        return
      }
      setState(id, state, { stan: result.stan, auth_code: result.authCode, pan: result.pan, online_id: result.onlineId, host_time: result.hostTime, message })
      if (!option) return
      recorded = true
      const paidAt = new Date().toISOString()
      sqlite
        .prepare("INSERT INTO desk_payments (option_id, channel, paid_at, amount_cents, reference, operator, note) VALUES (?, 'pos', ?, ?, ?, ?, ?)")
        .run(option.id, paidAt, j.amount_cents, `STAN ${result.stan} · AUT ${result.authCode}`, j.operator, `Carta ${result.pan} · operazione POS ${id}`)
      sqlite.prepare("UPDATE payment_options SET status = 'PO_PAID', payment_date = ?, payment_method = 'pos', psp_company = 'POS sportello' WHERE id = ?").run(paidAt, option.id)
      const plan = sqlite.prepare("SELECT count(*) AS total, sum(status != 'PO_UNPAID') AS paid FROM payment_options WHERE position_id = ? AND is_partial_payment = 1").get(option.position_id) as { total: number; paid: number | null }
      const status = !option.is_partial_payment || (plan.total > 0 && plan.paid === plan.total) ? 'PAID' : 'PARTIALLY_PAID'
      sqlite.prepare("UPDATE positions SET status = ?, paid_at = ?, sync_state = 'pending' WHERE id = ?").run(status, paidAt, option.position_id)
      outbox.enqueue('markPaid', String(j.iupd), { nav: j.nav, paymentDate: paidAt.slice(0, 19) })
      audit.append({ operator: String(j.operator), action: 'registerPayment', entity: 'position', entityKey: String(j.iupd), after: { status }, reason: `POS: ${message}` })
    })
    if (recorded) options.onRecorded?.(String(j.iupd))
  }

  /** Asks the terminal what happened to an unknown payment, and settles the journal. */
  async function recover(id: string): Promise<PosPaymentOutcome> {
    const j = entry(id)
    const answer = await session.request(ecr17.lastResult(ids), { financial: false, expectResult: true, replyCodes: ['E'] })
    const result = answer.kind === 'result' ? parsePaymentResult(answer.message) : null
    if (!result) {
      durably(() => setState(id, 'uncertain', { message: 'Esito incerto: il POS non ha comunicato l’ultimo risultato. Controllare lo scontrino o il giornale del POS.' }))
      return { id, state: 'uncertain', message: String(entry(id).message), stan: null }
    }
    const baseline = j.baseline_stan ? String(j.baseline_stan) : null
    if (baseline !== null && result.stan === baseline) {
      // The terminal still holds the result from before: this payment never reached the host.
      durably(() => setState(id, 'not-performed', { message: 'Pagamento non eseguito dal POS: si può riprovare.' }))
      return { id, state: 'not-performed', message: 'Pagamento non eseguito dal POS: si può riprovare.', stan: null }
    }
    if (result.outcome === 'approved') {
      const amountOk = result.authorisedCents === null || result.authorisedCents === Number(j.amount_cents)
      if (!amountOk) {
        durably(() => setState(id, 'uncertain', { result_raw: answer.kind === 'result' ? answer.message : null, message: `Esito incerto: il POS riporta un pagamento di importo diverso (${result.authorisedCents} centesimi).` }))
        return { id, state: 'uncertain', message: String(entry(id).message), stan: result.stan }
      }
      recordApproved(id, result, 'approved', `Pagamento approvato (recuperato dal POS), STAN ${result.stan}`)
      if (entry(id).state === 'uncertain') return { id, state: 'uncertain', message: String(entry(id).message), stan: result.stan }
      return { id, state: 'approved', message: `Pagamento approvato, STAN ${result.stan}`, stan: result.stan }
    }
    durably(() => setState(id, 'declined', { stan: result.stan, message: `Pagamento non riuscito: ${result.text}` }))
    return { id, state: 'declined', message: `Pagamento non riuscito: ${result.text}`, stan: result.stan }
  }

  return {
    /** Entries not settled (after a crash, a pulled cable): recovered before any new payment. */
    async recoverPending(): Promise<PosPaymentOutcome[]> {
      const open = sqlite.prepare("SELECT id FROM pos_journal WHERE state IN ('sending', 'unknown') ORDER BY created_at").pluck().all() as string[]
      const outcomes: PosPaymentOutcome[] = []
      for (const id of open) outcomes.push(await recover(id))
      return outcomes
    },

    unresolvedFor(iupd: string): Record<string, unknown> | undefined {
      return sqlite.prepare(`SELECT * FROM pos_journal WHERE iupd = ? AND state IN (${OPEN_STATES.map(() => '?').join(',')}) ORDER BY created_at DESC LIMIT 1`).get(iupd, ...OPEN_STATES) as Record<string, unknown> | undefined
    },

    async pay(nav: string, receiptText: string): Promise<PosPaymentOutcome> {
      if (busy) throw new AppError('CONFLICT', 'Il POS sta già eseguendo un pagamento: attendere che finisca.')
      busy = true
      try {
        const pending = sqlite.prepare("SELECT count(*) FROM pos_journal WHERE state IN ('sending', 'unknown')").pluck().get() as number
        if (pending > 0) await this.recoverPending()
        const option = sqlite
          .prepare('SELECT o.nav, o.amount_cents, o.status, p.iupd, p.status AS position_status FROM payment_options o JOIN positions p ON p.id = o.position_id WHERE o.nav = ?')
          .get(nav) as { nav: string; amount_cents: number; status: string; iupd: string; position_status: string } | undefined
        if (!option) throw new AppError('NOT_FOUND', `Nessun dovuto con numero avviso ${nav}.`)
        if (option.status !== 'PO_UNPAID') throw new AppError('CONFLICT', 'Questo avviso risulta già pagato.')
        if (!['VALID', 'PARTIALLY_PAID'].includes(option.position_status)) throw new AppError('CONFLICT', 'Il dovuto non è pagabile nel suo stato attuale.')
        if (this.unresolvedFor(option.iupd)) throw new AppError('CONFLICT', 'Un pagamento POS di questo dovuto ha esito incerto: risolverlo prima di riprovare.')

        // What the terminal holds before this payment: recovery compares with it.
        const before = await session.request(ecr17.lastResult(ids), { financial: false, expectResult: true, replyCodes: ['E'] })
        if (before.kind !== 'result') throw new AppError('UNAVAILABLE', `POS non raggiungibile: ${before.kind === 'not-sent' ? before.reason : 'nessuna risposta'}. Nessun addebito è stato richiesto.`)
        const baselineStan = parsePaymentResult(before.message)?.stan ?? null

        const id = randomUUID()
        const message = ecr17.payment(ids, option.amount_cents, { receiptText: `Avviso ${option.nav}` + (receiptText ? ` ${receiptText}` : '') })
        durably(() =>
          sqlite
            .prepare('INSERT INTO pos_journal (id, iupd, nav, amount_cents, terminal_id, state, baseline_stan, operator, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
            .run(id, option.iupd, option.nav, option.amount_cents, ids.terminalId, 'sending', baselineStan, options.operator(), new Date().toISOString())
        )
        const answer = await session.request(message, { financial: true, expectResult: true, replyCodes: ['E'], onProgress: (text) => options.onProgress?.(id, text) })
        if (answer.kind === 'not-sent') {
          durably(() => setState(id, 'not-sent', { message: `Pagamento non inviato al POS: ${answer.reason}` }))
          return { id, state: 'not-sent', message: `Pagamento non inviato al POS: ${answer.reason}`, stan: null }
        }
        if (answer.kind === 'unknown' || answer.kind === 'acked') {
          durably(() => setState(id, 'unknown', { message: `Esito sconosciuto (${answer.kind === 'unknown' ? answer.reason : 'nessun risultato'}): verifica in corso` }))
          return await recover(id)
        }
        const result = parsePaymentResult(answer.message)
        if (!result) {
          durably(() => setState(id, 'unknown', { result_raw: answer.message, message: 'Risposta del POS illeggibile: verifica in corso' }))
          return await recover(id)
        }
        if (result.outcome === 'approved') {
          if (result.authorisedCents !== null && result.authorisedCents !== option.amount_cents) {
            durably(() => setState(id, 'uncertain', { result_raw: answer.message, message: 'Esito incerto: importo autorizzato diverso da quello richiesto.' }))
            return { id, state: 'uncertain', message: 'Esito incerto: importo autorizzato diverso da quello richiesto.', stan: result.stan }
          }
          recordApproved(id, result, 'approved', `Pagamento approvato, STAN ${result.stan}, autorizzazione ${result.authCode}`)
          if (entry(id).state === 'uncertain') return { id, state: 'uncertain', message: String(entry(id).message), stan: result.stan }
          return { id, state: 'approved', message: `Pagamento approvato, STAN ${result.stan}`, stan: result.stan }
        }
        durably(() => setState(id, 'declined', { stan: result.stan, result_raw: answer.message, message: `Pagamento non riuscito: ${result.text}` }))
        return { id, state: 'declined', message: `Pagamento non riuscito: ${result.text}`, stan: result.stan }
      } finally {
        busy = false
      }
    },

    /** The operator settles an "esito incerto" from the terminal's own receipt or journal. */
    resolve(id: string, approved: boolean, note: string): PosPaymentOutcome {
      const j = entry(id)
      if (!j || j.state !== 'uncertain') throw new AppError('CONFLICT', 'Questo pagamento POS non ha un esito da risolvere.')
      if (approved) {
        recordApproved(id, { outcome: 'approved', terminalId: ids.terminalId, pan: '', transactionType: '', authCode: '', hostTime: '', cardType: '', acquirerId: '', stan: String(j.stan ?? ''), onlineId: '', authorisedCents: null }, 'resolved-approved', `Esito confermato dall'operatore: ${note}`)
      } else {
        durably(() => {
          setState(id, 'resolved-not-performed', { message: `Non eseguito, confermato dall'operatore: ${note}` })
          audit.append({ operator: options.operator(), action: 'posResolved', entity: 'position', entityKey: String(j.iupd), reason: `Pagamento POS non eseguito: ${note}` })
        })
      }
      const after = entry(id)
      return { id, state: after.state as JournalState, message: String(after.message), stan: (after.stan as string | null) ?? null }
    }
  }
}
export type PosPayments = ReturnType<typeof createPosPayments>
