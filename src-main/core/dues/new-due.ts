// Creating a due at the desk: the type, the debtor, the causale, the amount and the plan checked
// with pagoPA's rules; the codes reserved by the wizard (or allocated now); the position, its
// options and transfers, the outbox entry and the audit entry written in one transaction.
import type { z } from 'zod'
import { fieldLabel, fillCausale, unfilledPlaceholders } from '../../contract/causale'
import type { DebtorInput, NewDueInput } from '../../contract/dues'
import { AppError } from '../../contract/errors'
import { EMAIL_PATTERN, formatCents } from '../../contract/format'
import { positionIssuerIds } from '../db/position-issuers'
import { rememberDebtor } from '../debtors/records'
import { parseFiscalCode } from '../pagopa/fiscal-code'
import { deskDigits, issuedUpTo } from '../pagopa/iuv-allocator'
import { parseNoticeNumber } from '../pagopa/notice-number'
import { inDeskRange } from '../settings/desk'
import { parseCausale } from '../pagopa/taxonomy'
import { cents, type DueCommandContext } from './command-context'

type NewDue = z.output<typeof NewDueInput>
interface DueTypeRow { id: number; code: string; label: string; taxonomy_code: string; iban: string | null; postal_iban: string | null; causale_template: string; installments_allowed: number }
type Codes = { iuv: string; nav: string }

/** Reserves the codes of a due about to be created, so the wizard can show them before saving. */
export function prepareDue(c: DueCommandContext, installments: number): { iupd: string; codes: Codes[] } {
  return c.sqlite.transaction(() => {
    const first = c.allocate()
    const codes = [first.codes, ...Array.from({ length: installments }, () => c.allocate().codes)].map((x) => ({ iuv: x.iuv, nav: x.nav }))
    return { iupd: `${first.ente.iupdPrefix}-${deskDigits(first.desk.number)}-${first.codes.counter}`, codes }
  })()
}

/** The causale as typed (no placeholder may be left), or written from the type's template. */
function causaleOf(input: NewDue, template: string, debtorName: string): string {
  if (input.causale !== undefined) {
    const left = unfilledPlaceholders(input.causale)
    if (left.length) throw new AppError('INVALID_INPUT', 'dues.causalePlaceholders', { fields: left.map(fieldLabel).join(', ') })
    return input.causale
  }
  const filled = fillCausale(template, { dueDate: input.dueDate, debtorName, fields: input.causaleFields ?? {} })
  if ('missing' in filled) throw new AppError('INVALID_INPUT', 'dues.causaleFields', { fields: filled.missing.map(fieldLabel).join(', ') })
  return filled.causale
}

function validateDebtor(d: z.output<typeof DebtorInput>) {
  const cf = parseFiscalCode(d.fiscalCode)
  if (!cf.valid) throw new AppError('INVALID_INPUT', cf.reason)
  if (d.type === 'G' && cf.kind !== 'numeric') throw new AppError('INVALID_INPUT', 'dues.companyFiscalCode')
  if (d.email && !EMAIL_PATTERN.test(d.email)) throw new AppError('INVALID_INPUT', 'dues.badEmail', { email: d.email })
  if (d.province && !/^[A-Za-z]{2}$/.test(d.province)) throw new AppError('INVALID_INPUT', 'dues.badProvince')
  if (d.country && !/^[A-Za-z]{2}$/.test(d.country)) throw new AppError('INVALID_INPUT', 'dues.badCountry')
  return { ...d, fiscalCode: cf.fiscalCode, province: d.province?.toUpperCase(), country: (d.country ?? 'IT').toUpperCase() }
}

/** The installments: at least two, allowed by the type, adding up to the amount, in date order, none past. */
function validatePlan(input: NewDue, type: DueTypeRow, amountCents: number, firstDay: string) {
  const installments = (input.installments ?? []).map((i, n) => ({ amountCents: cents(i.amount, n + 1), dueDate: i.dueDate }))
  if (installments.length === 1) throw new AppError('INVALID_INPUT', 'dues.oneInstallment')
  if (installments.length === 0) return installments
  if (!type.installments_allowed) throw new AppError('INVALID_INPUT', 'dues.typeWithoutInstallments', { type: type.label })
  const sum = installments.reduce((s, i) => s + i.amountCents, 0)
  if (sum !== amountCents) throw new AppError('INVALID_INPUT', 'dues.installmentsSum', { sum: formatCents(sum), amount: formatCents(amountCents) })
  installments.forEach((i, n) => {
    if (i.dueDate < firstDay) throw new AppError('INVALID_INPUT', 'dues.installmentDueDatePast', { n: n + 1 })
    if (n > 0 && i.dueDate <= installments[n - 1]!.dueDate) throw new AppError('INVALID_INPUT', 'dues.installmentsOrder', { n: n + 1, previous: n })
  })
  return installments
}

/** Codes shown in the wizard before saving: issued by this desk, and not used by any due. */
function checkReserved(c: DueCommandContext, reserved: Codes[], expected: number): Codes[] {
  if (reserved.length !== expected) throw new AppError('INVALID_INPUT', 'dues.reservedCount', { expected, received: reserved.length })
  const { ente, desk } = c.allocateContext()
  const issued = issuedUpTo(c.sqlite, desk.number)
  const inUse = c.sqlite.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM payment_options WHERE nav = ? OR iuv = ?')
  for (const code of reserved) {
    const notice = parseNoticeNumber(code.nav)
    const ours = notice.valid && notice.iuv === code.iuv && inDeskRange(code.iuv, ente.segregationCode, desk.number)
    if (!ours || Number(code.iuv.slice(5, 15)) > issued) throw new AppError('INVALID_INPUT', 'dues.reservedForeign', { nav: code.nav })
    if (inUse.get(code.nav, code.iuv)!.n > 0) throw new AppError('CONFLICT', 'dues.reservedInUse', { nav: code.nav })
  }
  return reserved
}

/** Everything about a new due that can be refused, checked before anything is written. */
function validateNewDue(c: DueCommandContext, input: NewDue) {
  const type = c.sqlite.prepare<[string], DueTypeRow>('SELECT * FROM due_types WHERE code = ? AND active = 1').get(input.dueTypeCode)
  if (!type) throw new AppError('INVALID_INPUT', 'dues.unknownType', { code: input.dueTypeCode })
  if (!type.iban) throw new AppError('INVALID_INPUT', 'dues.typeWithoutIban', { type: type.label })
  const debtor = validateDebtor(input.debtor)
  const amountCents = cents(input.amount)
  const firstDay = c.today()
  if (input.dueDate < firstDay) throw new AppError('INVALID_INPUT', 'dues.dueDatePast')
  const causale = parseCausale(causaleOf(input, type.causale_template || type.label, debtor.fullName))
  if (!causale.valid) throw new AppError('INVALID_INPUT', causale.reason)
  const installments = validatePlan(input, type, amountCents, firstDay)
  if (input.iupd && c.positionByIupd(input.iupd)) throw new AppError('CONFLICT', 'dues.iupdExists', { iupd: input.iupd })
  const reserved = input.reserved ? checkReserved(c, input.reserved, 1 + installments.length) : null
  return { type, debtor, amountCents, causale: causale.causale, installments, reserved }
}

export function createDue(c: DueCommandContext, input: NewDue): { iupd: string; navs: string[] } {
  const due = validateNewDue(c, input)
  const { type, debtor, amountCents, causale, installments, reserved } = due
  return c.sqlite.transaction(() => {
    const next = (index: number) => (reserved ? { ...c.allocateContext(), codes: reserved[index]! } : c.allocate())
    const single = next(0)
    const { ente, desk } = single
    const iupd = input.iupd ?? `${ente.iupdPrefix}-${deskDigits(desk.number)}-${single.codes.iuv.slice(5, 15).replace(/^0+/, '')}`
    const singleDue = installments[0]?.dueDate ?? input.dueDate
    const positionId = Number(
      c.sqlite
        .prepare(
          `INSERT INTO positions (iupd, due_type_id, status, debtor_type, debtor_fiscal_code, debtor_name,
             debtor_street_name, debtor_civic_number, debtor_postal_code, debtor_city, debtor_province, debtor_country, debtor_email, debtor_phone,
             issuer_id, causale, amount_cents, due_date, origin, sync_state, created_at)
           VALUES (?, ?, 'VALID', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'local', 'pending', strftime('%Y-%m-%dT%H:%M:%fZ','now'))`
        )
        .run(
          iupd, type.id, debtor.type, debtor.fiscalCode, debtor.fullName, debtor.streetName ?? null, debtor.civicNumber ?? null,
          debtor.postalCode ?? null, debtor.city ?? null, debtor.province ?? null, debtor.country, debtor.email ?? null, debtor.phone ?? null,
          positionIssuerIds(c.sqlite)(ente.name, ente.officeName || null), causale, amountCents, singleDue
        ).lastInsertRowid
    )
    const addOption = optionWriter(c, positionId, type, ente.fiscalCode)
    const navs = [addOption(single.codes, amountCents, singleDue, 0, causale)]
    installments.forEach((i, n) => {
      const suffix = ` - rata ${n + 1} di ${installments.length}`
      navs.push(addOption(next(n + 1).codes, i.amountCents, i.dueDate, n + 1, causale.slice(0, 140 - suffix.length) + suffix))
    })
    rememberDeskDebtor(c, debtor, input.debtor.country !== undefined)
    c.outbox.enqueue('create', iupd, {})
    c.audit.append({ operator: c.operator(), action: 'create', entity: 'position', entityKey: iupd, after: c.snapshot(iupd) })
    return { iupd, navs }
  })()
}

/** Writes one payment option with its single transfer to the type's account; returns its notice number. */
function optionWriter(c: DueCommandContext, positionId: number, type: DueTypeRow, enteFiscalCode: string) {
  const insertOption = c.sqlite.prepare(
    `INSERT INTO payment_options (position_id, iuv, nav, amount_cents, description, due_date, is_partial_payment, installment_no)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
  )
  const insertTransfer = c.sqlite.prepare(
    `INSERT INTO transfers (option_id, id_transfer, amount_cents, category, remittance_information, iban, postal_iban, organization_fiscal_code)
     VALUES (?, '1', ?, ?, ?, ?, ?, ?)`
  )
  return (codes: Codes, amountOf: number, dueDate: string, no: number, description: string): string => {
    const option = insertOption.run(positionId, codes.iuv, codes.nav, amountOf, description, dueDate, no > 0 ? 1 : 0, no)
    insertTransfer.run(Number(option.lastInsertRowid), amountOf, type.taxonomy_code, description.slice(0, 140), type.iban, type.postal_iban, enteFiscalCode)
    return codes.nav
  }
}

/**
 * A citizen typed at the desk becomes a known one; a known one takes the data as confirmed in the
 * wizard (which asked which to keep where they differed), empty fields included, dated now. The
 * wizard has no country: one not sent leaves the known country as it is.
 */
function rememberDeskDebtor(c: DueCommandContext, debtor: ReturnType<typeof validateDebtor>, countryGiven: boolean): void {
  const field = (value: string | undefined) => value ?? null
  rememberDebtor(
    c.sqlite,
    {
      type: debtor.type, fiscalCode: debtor.fiscalCode, fullName: debtor.fullName, streetName: field(debtor.streetName), civicNumber: field(debtor.civicNumber),
      postalCode: field(debtor.postalCode), city: field(debtor.city), province: field(debtor.province), ...(countryGiven ? { country: debtor.country } : {}), email: field(debtor.email), phone: field(debtor.phone)
    },
    { source: 'manual', at: new Date().toISOString(), replaceEmpty: true }
  )
}
