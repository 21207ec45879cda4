// The desk's own changes to dues. Each one is validated with pagoPA's rules, written to the cache,
// queued in the outbox and recorded in the audit log in one transaction: the desk keeps working
// offline and nothing it did can be half-saved.
import type Database from 'better-sqlite3'
import { join } from 'node:path'
import { AppError } from '../../contract/errors'
import { formatCents } from '../../contract/format'
import { fieldLabel, fillCausale, unfilledPlaceholders } from '../../contract/causale'
import type { CloseDueInput, DebtorInput, NewDueInput, PositionStatus, RegisterPaymentInput, UpdateDueInput } from '../../contract/dues'
import type { z } from 'zod'
import { createAuditLog } from '../audit/audit-log'
import { parseFiscalCode } from '../pagopa/fiscal-code'
import { createIuvAllocator, type IuvAllocator } from '../pagopa/iuv-allocator'
import { parseAmount } from '../pagopa/money'
import { parseNoticeNumber } from '../pagopa/notice-number'
import { whyNotAllowed } from '../pagopa/status-rules'
import { parseCausale } from '../pagopa/taxonomy'
import type { EnteSettings, SettingsStore } from '../settings/settings'
import { currentDesk, deskRefusal, type DeskSettings } from '../settings/desk'
import { createOutbox } from '../db/outbox'
import { deskPaymentRefusal, recordDeskPayment } from './desk-payment'
import { changedPlan, planEditRefusal, type PlanOption } from './plan-edit'


export interface CommandsContext {
  sqlite: Database.Database
  settings: SettingsStore
  dataDir: string
  operator: () => string
  today?: () => string
}

/** The causale as typed (no placeholder may be left), or written from the type's template. */
function causaleOf(input: z.output<typeof NewDueInput>, template: string, debtorName: string): string {
  if (input.causale !== undefined) {
    const left = unfilledPlaceholders(input.causale)
    if (left.length) throw new AppError('INVALID_INPUT', `La causale contiene ancora dei segnaposto da compilare: ${left.map(fieldLabel).join(', ')}.`)
    return input.causale
  }
  const filled = fillCausale(template, { dueDate: input.dueDate, debtorName, fields: input.causaleFields ?? {} })
  if ('missing' in filled) throw new AppError('INVALID_INPUT', `Compilare i campi della causale: ${filled.missing.map(fieldLabel).join(', ')}.`)
  return filled.causale
}

function cents(value: number | string, what: string): number {
  if (typeof value === 'number') return value
  const parsed = parseAmount(value)
  if (!parsed.valid) throw new AppError('INVALID_INPUT', `${what}: ${parsed.reason}`)
  return parsed.cents
}

function romeToday(): string {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' })
}

interface PositionRow {
  id: number
  iupd: string
  status: PositionStatus
  amount_cents: number
  due_date: string
  causale: string
}

export function createDueCommands(ctx: CommandsContext) {
  const { sqlite } = ctx
  const audit = createAuditLog(sqlite)
  const outbox = createOutbox(sqlite)
  const today = ctx.today ?? romeToday
  let allocator: IuvAllocator | null = null
  /** The ente and the desk a new due is created for; refused without a desk number, or with one in use elsewhere. */
  const allocateContext = (): { ente: EnteSettings; desk: DeskSettings } => {
    const ente = ctx.settings.get<EnteSettings>('ente')
    if (!ente) throw new AppError('UNAVAILABLE', "Ente non configurato: impostare i dati dell'ente prima di creare dovuti.")
    refuseIf(deskRefusal(ctx.settings))
    return { ente, desk: currentDesk(ctx.settings)! }
  }
  const allocate = () => {
    const { ente, desk } = allocateContext()
    if (!allocator || allocator.deskNumber !== desk.number) {
      allocator = createIuvAllocator({ sqlite, segregationCode: ente.segregationCode, deskNumber: desk.number, reservationFile: join(ctx.dataDir, 'iuv-reservation.json') })
    }
    return { ente, desk, codes: allocator.next() }
  }
  const positionByIupd = sqlite.prepare<[string], PositionRow>('SELECT id, iupd, status, amount_cents, due_date, causale FROM positions WHERE iupd = ?')
  const snapshot = (iupd: string) => {
    const p = sqlite.prepare('SELECT * FROM positions WHERE iupd = ?').get(iupd) as Record<string, unknown> | undefined
    if (!p) return undefined
    return { ...p, options: sqlite.prepare('SELECT iuv, nav, amount_cents, due_date, status, installment_no FROM payment_options WHERE position_id = ? ORDER BY installment_no').all(p.id) }
  }
  const mustFind = (iupd: string): PositionRow => {
    const row = positionByIupd.get(iupd)
    if (!row) throw new AppError('NOT_FOUND', `Dovuto ${iupd} non trovato.`)
    return row
  }
  const refuseIf = (reason: string | null) => {
    if (reason) throw new AppError('CONFLICT', reason)
  }

  function validateDebtor(d: z.output<typeof DebtorInput>) {
    const cf = parseFiscalCode(d.fiscalCode)
    if (!cf.valid) throw new AppError('INVALID_INPUT', cf.reason)
    if (d.type === 'G' && cf.kind !== 'numeric') throw new AppError('INVALID_INPUT', 'Per una persona giuridica indicare la partita IVA o il codice fiscale numerico (11 cifre).')
    if (d.email && !/^[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)+$/.test(d.email)) throw new AppError('INVALID_INPUT', `Indirizzo e-mail non valido: ${d.email}`)
    if (d.province && !/^[A-Za-z]{2}$/.test(d.province)) throw new AppError('INVALID_INPUT', 'La provincia si indica con la sigla di due lettere (es. RM).')
    if (d.country && !/^[A-Za-z]{2}$/.test(d.country)) throw new AppError('INVALID_INPUT', 'Il paese si indica con il codice di due lettere (es. IT).')
    return { ...d, fiscalCode: cf.fiscalCode, province: d.province?.toUpperCase(), country: (d.country ?? 'IT').toUpperCase() }
  }

  const codeInUse = sqlite.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM payment_options WHERE nav = ? OR iuv = ?')
  /** Codes shown in the wizard before saving: issued by this desk, and not used by any due. */
  function checkReserved(reserved: { iuv: string; nav: string }[], expected: number) {
    if (reserved.length !== expected) throw new AppError('INVALID_INPUT', `Codici riservati: attesi ${expected}, ricevuti ${reserved.length}. Ripetere il passo precedente.`)
    const { ente, desk } = allocateContext()
    const issuedUpTo = Number(sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').pluck().get(`iuv.counter.${String(desk.number).padStart(3, '0')}`) ?? 0)
    for (const code of reserved) {
      const notice = parseNoticeNumber(code.nav)
      const ours = notice.valid && notice.iuv === code.iuv && notice.segregationCode === ente.segregationCode && code.iuv.slice(2, 5) === String(desk.number).padStart(3, '0')
      if (!ours || Number(code.iuv.slice(5, 15)) > issuedUpTo) throw new AppError('INVALID_INPUT', `Il codice ${code.nav} non è stato generato da questo sportello.`)
      if (codeInUse.get(code.nav, code.iuv)!.n > 0) throw new AppError('CONFLICT', `Il numero avviso ${code.nav} è già usato da un altro dovuto.`)
    }
    return reserved
  }

  return {
    /** Reserves the codes of a due about to be created, so the wizard can show them before saving. */
    prepare(installments: number): { iupd: string; codes: { iuv: string; nav: string }[] } {
      return sqlite.transaction(() => {
        const first = allocate()
        const codes = [first.codes, ...Array.from({ length: installments }, () => allocate().codes)].map((c) => ({ iuv: c.iuv, nav: c.nav }))
        return { iupd: `${first.ente.iupdPrefix}-${String(first.desk.number).padStart(3, '0')}-${first.codes.counter}`, codes }
      })()
    },

    create(input: z.output<typeof NewDueInput>): { iupd: string; navs: string[] } {
      const type = sqlite.prepare('SELECT * FROM due_types WHERE code = ? AND active = 1').get(input.dueTypeCode) as
        | { id: number; code: string; label: string; taxonomy_code: string; iban: string | null; postal_iban: string | null; causale_template: string; installments_allowed: number }
        | undefined
      if (!type) throw new AppError('INVALID_INPUT', `Tipo di dovuto sconosciuto o non attivo: ${input.dueTypeCode}`)
      if (!type.iban) throw new AppError('INVALID_INPUT', `Il tipo di dovuto ${type.label} non ha un IBAN di accredito: completarlo nelle impostazioni.`)
      const debtor = validateDebtor(input.debtor)
      const amountCents = cents(input.amount, 'Importo')
      const firstDay = today()
      if (input.dueDate < firstDay) throw new AppError('INVALID_INPUT', 'La scadenza non può essere nel passato.')
      const causaleText = causaleOf(input, type.causale_template || type.label, debtor.fullName)
      const causale = parseCausale(causaleText)
      if (!causale.valid) throw new AppError('INVALID_INPUT', causale.reason)

      const installments = (input.installments ?? []).map((i, n) => ({ amountCents: cents(i.amount, `Rata ${n + 1}`), dueDate: i.dueDate }))
      if (installments.length === 1) throw new AppError('INVALID_INPUT', 'Un pagamento rateale ha almeno due rate.')
      if (installments.length > 0) {
        if (!type.installments_allowed) throw new AppError('INVALID_INPUT', `Il tipo di dovuto ${type.label} non prevede il pagamento a rate.`)
        const sum = installments.reduce((s, i) => s + i.amountCents, 0)
        if (sum !== amountCents) {
          throw new AppError('INVALID_INPUT', `La somma delle rate (${formatCents(sum)}) deve essere uguale all'importo (${formatCents(amountCents)}).`)
        }
        installments.forEach((i, n) => {
          if (i.dueDate < firstDay) throw new AppError('INVALID_INPUT', `La scadenza della rata ${n + 1} non può essere nel passato.`)
          if (n > 0 && i.dueDate <= installments[n - 1]!.dueDate) throw new AppError('INVALID_INPUT', `Le scadenze delle rate devono essere in ordine: la rata ${n + 1} scade prima della rata ${n}.`)
        })
      }
      if (input.iupd && positionByIupd.get(input.iupd)) throw new AppError('CONFLICT', `Esiste già un dovuto con identificativo ${input.iupd}.`)

      const reserved = input.reserved ? checkReserved(input.reserved, 1 + installments.length) : null
      return sqlite.transaction(() => {
        const next = (index: number) => (reserved ? { ...allocateContext(), codes: reserved[index]! } : allocate())
        const single = next(0)
        const { ente, desk } = single
        const iupd = input.iupd ?? `${ente.iupdPrefix}-${String(desk.number).padStart(3, '0')}-${single.codes.iuv.slice(5, 15).replace(/^0+/, '')}`
        const singleDue = installments[0]?.dueDate ?? input.dueDate
        const position = sqlite
          .prepare(
            `INSERT INTO positions (iupd, organization_fiscal_code, due_type_id, status, debtor_type, debtor_fiscal_code, debtor_name,
               debtor_street_name, debtor_civic_number, debtor_postal_code, debtor_city, debtor_province, debtor_country, debtor_email, debtor_phone,
               company_name, office_name, causale, amount_cents, due_date, origin, sync_state)
             VALUES (?, ?, ?, 'VALID', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'local', 'pending')`
          )
          .run(
            iupd, ente.fiscalCode, type.id, debtor.type, debtor.fiscalCode, debtor.fullName, debtor.streetName ?? null, debtor.civicNumber ?? null,
            debtor.postalCode ?? null, debtor.city ?? null, debtor.province ?? null, debtor.country, debtor.email ?? null, debtor.phone ?? null,
            ente.name, ente.officeName || null, causale.causale, amountCents, singleDue
          )
        const positionId = Number(position.lastInsertRowid)
        const insertOption = sqlite.prepare(
          `INSERT INTO payment_options (position_id, iuv, nav, amount_cents, description, due_date, is_partial_payment, installment_no)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
        )
        const insertTransfer = sqlite.prepare(
          `INSERT INTO transfers (option_id, id_transfer, amount_cents, category, remittance_information, iban, postal_iban, organization_fiscal_code)
           VALUES (?, '1', ?, ?, ?, ?, ?, ?)`
        )
        const navs: string[] = []
        const addOption = (codes: { iuv: string; nav: string }, amountOf: number, dueDate: string, no: number, description: string) => {
          const option = insertOption.run(positionId, codes.iuv, codes.nav, amountOf, description, dueDate, no > 0 ? 1 : 0, no)
          insertTransfer.run(Number(option.lastInsertRowid), amountOf, type.taxonomy_code, description.slice(0, 140), type.iban, type.postal_iban, ente.fiscalCode)
          navs.push(codes.nav)
        }
        addOption(single.codes, amountCents, singleDue, 0, causale.causale)
        installments.forEach((i, n) => {
          const suffix = ` - rata ${n + 1} di ${installments.length}`
          addOption(next(n + 1).codes, i.amountCents, i.dueDate, n + 1, causale.causale.slice(0, 140 - suffix.length) + suffix)
        })
        sqlite
          .prepare(
            `INSERT INTO debtors (type, fiscal_code, full_name, street_name, civic_number, postal_code, city, province, country, email, phone, source)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'manual') ON CONFLICT(fiscal_code) DO NOTHING`
          )
          .run(debtor.type, debtor.fiscalCode, debtor.fullName, debtor.streetName ?? null, debtor.civicNumber ?? null, debtor.postalCode ?? null, debtor.city ?? null, debtor.province ?? null, debtor.country, debtor.email ?? null, debtor.phone ?? null)
        outbox.enqueue('create', iupd, {})
        audit.append({ operator: ctx.operator(), action: 'create', entity: 'position', entityKey: iupd, after: snapshot(iupd) })
        return { iupd, navs }
      })()
    },

    update(input: z.output<typeof UpdateDueInput>): void {
      const p = mustFind(input.iupd)
      refuseIf(whyNotAllowed('edit', p.status))
      const options = sqlite.prepare('SELECT id, nav, installment_no AS installmentNo, amount_cents AS amountCents, due_date AS dueDate, status FROM payment_options WHERE position_id = ? ORDER BY installment_no').all(p.id) as (PlanOption & { id: number; status: string })[]
      refuseIf(planEditRefusal(options.map((o) => o.status)))
      const inPlan = options.some((o) => o.installmentNo > 0)
      let next: PlanOption[]
      if (inPlan) {
        if (input.amount !== undefined || input.dueDate !== undefined) throw new AppError('INVALID_INPUT', 'Il dovuto è rateizzato: indicare importo e scadenza di ciascuna rata.')
        if (!input.installments) throw new AppError('INVALID_INPUT', 'Indicare importo e scadenza di ciascuna rata.')
        const plan = changedPlan(options, input.installments.map((i, n) => ({ nav: i.nav, amountCents: cents(i.amount, `Rata ${n + 1}`), dueDate: i.dueDate })), today())
        if ('refusal' in plan) throw new AppError('INVALID_INPUT', plan.refusal)
        next = plan.options
      } else {
        if (input.installments) throw new AppError('INVALID_INPUT', 'Il dovuto non è rateizzato: indicare il nuovo importo o la nuova scadenza.')
        if (input.amount === undefined && input.dueDate === undefined) throw new AppError('INVALID_INPUT', 'Indicare il nuovo importo o la nuova scadenza.')
        const amountCents = input.amount === undefined ? p.amount_cents : cents(input.amount, 'Importo')
        const dueDate = input.dueDate ?? p.due_date
        if (input.dueDate !== undefined && input.dueDate < today()) throw new AppError('INVALID_INPUT', 'La nuova scadenza non può essere nel passato.')
        if (amountCents === p.amount_cents && dueDate === p.due_date) throw new AppError('INVALID_INPUT', 'Importo e scadenza sono già quelli indicati.')
        next = [{ ...options[0]!, amountCents, dueDate }]
      }
      const transfersOf = sqlite.prepare('SELECT count(*) FROM transfers WHERE option_id = ?').pluck()
      for (const o of options) {
        const after = next.find((n) => n.nav === o.nav)!
        if (after.amountCents !== o.amountCents && transfersOf.get(o.id) !== 1) throw new AppError('CONFLICT', "Il dovuto ha più beneficiari: l'importo non si può modificare dallo sportello.")
      }
      const total = next.find((o) => o.installmentNo === 0)?.amountCents ?? next.reduce((sum, o) => sum + o.amountCents, 0)
      const firstDue = next.map((o) => o.dueDate).sort()[0]!
      sqlite.transaction(() => {
        const before = snapshot(p.iupd)
        sqlite.prepare("UPDATE positions SET amount_cents = ?, due_date = ?, status = CASE status WHEN 'EXPIRED' THEN 'VALID' ELSE status END, sync_state = 'pending' WHERE id = ?").run(total, firstDue, p.id)
        const updateOption = sqlite.prepare('UPDATE payment_options SET amount_cents = ?, due_date = ? WHERE id = ?')
        const updateTransfer = sqlite.prepare('UPDATE transfers SET amount_cents = ? WHERE option_id = ?')
        for (const o of options) {
          const after = next.find((n) => n.nav === o.nav)!
          updateOption.run(after.amountCents, after.dueDate, o.id)
          updateTransfer.run(after.amountCents, o.id)
        }
        outbox.enqueue('update', p.iupd, {})
        audit.append({ operator: ctx.operator(), action: 'update', entity: 'position', entityKey: p.iupd, before, after: snapshot(p.iupd), reason: input.reason })
      })()
    },

    /** Deletes where GPD allows it; a due never sent to the backend simply disappears. */
    remove(input: z.output<typeof CloseDueInput>): { removedLocallyOnly: boolean } {
      const p = mustFind(input.iupd)
      refuseIf(whyNotAllowed('delete', p.status))
      return sqlite.transaction(() => {
        const before = snapshot(p.iupd)
        const neverSent = outbox.dropUnsentCreate(p.iupd)
        sqlite.prepare('DELETE FROM positions WHERE id = ?').run(p.id)
        if (!neverSent) outbox.enqueue('delete', p.iupd, {})
        audit.append({ operator: ctx.operator(), action: 'delete', entity: 'position', entityKey: p.iupd, before, reason: input.reason })
        return { removedLocallyOnly: neverSent }
      })()
    },

    invalidate(input: z.output<typeof CloseDueInput>): void {
      const p = mustFind(input.iupd)
      refuseIf(whyNotAllowed('invalidate', p.status))
      sqlite.transaction(() => {
        const before = snapshot(p.iupd)
        sqlite.prepare("UPDATE positions SET status = 'INVALID', sync_state = 'pending' WHERE id = ?").run(p.id)
        outbox.enqueue('invalidate', p.iupd, {})
        audit.append({ operator: ctx.operator(), action: 'invalidate', entity: 'position', entityKey: p.iupd, before, after: snapshot(p.iupd), reason: input.reason })
      })()
    },

    /** A payment taken at the desk outside pagoPA: recorded here, reported to GPD as paid. */
    registerPayment(input: z.output<typeof RegisterPaymentInput>): { iupd: string; status: PositionStatus } {
      const notice = parseNoticeNumber(input.nav)
      if (!notice.valid) throw new AppError('INVALID_INPUT', notice.reason)
      const option = sqlite
        .prepare('SELECT o.id, o.position_id, o.status, o.amount_cents, o.is_partial_payment, p.iupd FROM payment_options o JOIN positions p ON p.id = o.position_id WHERE o.nav = ?')
        .get(notice.nav) as { id: number; position_id: number; status: string; amount_cents: number; is_partial_payment: number; iupd: string } | undefined
      if (!option) throw new AppError('NOT_FOUND', `Nessun dovuto con numero avviso ${input.nav}.`)
      const p = mustFind(option.iupd)
      refuseIf(deskPaymentRefusal(p.status, { status: option.status, isPartialPayment: option.is_partial_payment === 1 }))
      if (input.paidOn > today()) throw new AppError('INVALID_INPUT', 'La data del pagamento non può essere nel futuro.')
      return sqlite.transaction(() => {
        const before = snapshot(p.iupd)
        const status = recordDeskPayment(sqlite, outbox, {
          optionId: option.id,
          positionId: p.id,
          isPartialPayment: option.is_partial_payment === 1,
          iupd: p.iupd,
          nav: notice.nav,
          channel: input.channel,
          paidAt: `${input.paidOn}T12:00:00`,
          amountCents: option.amount_cents,
          reference: input.reference ?? null,
          operator: ctx.operator(),
          note: input.note ?? null,
          pspCompany: 'Sportello'
        })
        audit.append({ operator: ctx.operator(), action: 'registerPayment', entity: 'position', entityKey: p.iupd, before, after: snapshot(p.iupd), reason: `${input.channel}${input.reference ? ` ${input.reference}` : ''}` })
        return { iupd: p.iupd, status }
      })()
    }
  }
}
export type DueCommands = ReturnType<typeof createDueCommands>
