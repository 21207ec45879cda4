// Correcting the debtor of a due still unpaid: a wrong address, e-mail or phone, a name misspelt.
// The fiscal code stays (another one would be another debtor). The position's debtor, the known
// citizen's record, the outbox entry that gives GPD the whole position again, and the audit entry
// with the reason are one transaction. The refusal is computed here once, for the command and for
// the due's page (due-actions.ts).
import type { z } from 'zod'
import type { UpdateDebtorInput } from '../../contract/debtor-correction'
import type { PositionStatus } from '../../contract/dues'
import { AppError } from '../../contract/errors'
import { message, type Message } from '../../contract/messages'
import { positionDebtorOf, setPositionDebtor, type PositionDebtor } from '../db/queries/debtor-correction'
import { optionsOf } from '../db/queries/dues'
import { queryDb } from '../db/queries/query-db'
import { rememberDebtor } from '../debtors/records'
import { isAllowed, statusReason } from '../pagopa/status-rules'
import { refuseIf, type DueCommandContext } from './command-context'

/** Why the debtor can no longer be corrected, or null: only while GPD takes updates and nothing is paid. */
export function debtorEditRefusal(status: PositionStatus, optionStatuses: readonly string[]): Message | null {
  if (!isAllowed('edit', status)) return message('dues.debtorNotEditable', { why: statusReason(status) })
  return optionStatuses.some((s) => s !== 'PO_UNPAID') ? message('dues.debtorPaid') : null
}

const orNull = (value: string | undefined) => (value ? value : null)

/** The debtor columns as the correction sets them: empty fields are none, codes in capitals, Italy by default. */
function correctedColumns(d: z.output<typeof UpdateDebtorInput>['debtor']): PositionDebtor {
  return {
    debtorName: d.fullName,
    debtorStreetName: orNull(d.streetName),
    debtorCivicNumber: orNull(d.civicNumber),
    debtorPostalCode: orNull(d.postalCode),
    debtorCity: orNull(d.city),
    debtorProvince: orNull(d.province?.toUpperCase()),
    debtorCountry: d.country ? d.country.toUpperCase() : 'IT',
    debtorEmail: orNull(d.email),
    debtorPhone: orNull(d.phone)
  }
}

export function changeDebtor(c: DueCommandContext, input: z.output<typeof UpdateDebtorInput>): void {
  const db = queryDb(c.sqlite)
  const p = c.mustFind(input.iupd)
  refuseIf(debtorEditRefusal(p.status, optionsOf(db, p.id).map((o) => o.status)))
  const current = positionDebtorOf(db, p.id)!
  const next = correctedColumns(input.debtor)
  if ((Object.keys(next) as (keyof PositionDebtor)[]).every((k) => next[k] === current[k])) throw new AppError('INVALID_INPUT', 'dues.debtorUnchanged')
  c.sqlite.transaction(() => {
    const before = c.snapshot(p.iupd)
    setPositionDebtor(db, p.id, next)
    // The known citizen takes the corrected data as the desk's own, dated now, empty fields included.
    rememberDebtor(
      c.sqlite,
      {
        type: current.type, fiscalCode: current.fiscalCode, fullName: next.debtorName, streetName: next.debtorStreetName, civicNumber: next.debtorCivicNumber,
        postalCode: next.debtorPostalCode, city: next.debtorCity, province: next.debtorProvince, country: next.debtorCountry, email: next.debtorEmail, phone: next.debtorPhone
      },
      { source: 'manual', at: new Date().toISOString(), replaceEmpty: true }
    )
    c.outbox.enqueue('update', p.iupd, {})
    c.audit.append({ operator: c.operator(), action: 'updateDebtor', entity: 'position', entityKey: p.iupd, before, after: c.snapshot(p.iupd), reason: input.reason })
  })()
}
