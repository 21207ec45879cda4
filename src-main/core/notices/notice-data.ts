// What a due's notice says, from the cache: the ente's settings, the debtor, the options still
// payable, and the Poste section when the due type has a postal account.
import type Database from 'better-sqlite3'
import { readFileSync } from 'node:fs'
import { AppError } from '../../contract/errors'
import { dueForNotice } from '../db/queries/due-types'
import { optionsOf, type OptionRow } from '../db/queries/dues'
import { queryDb } from '../db/queries/query-db'
import type { EnteSettings, SettingsStore } from '../settings/settings'
import type { NoticeData } from './render'
import type { NoticeSettings } from '../settings/settings'

/** Settings of the notice beyond the ente's data. */
export type { NoticeSettings }

export const DEMO_NOTICE_SETTINGS: NoticeSettings = {
  website: 'www.comune.valdoria.it',
  postalAuthorization: 'AUT. DB/SSIC/E 12345 DEL 01/01/2026'
}

export function noticeDataFor(sqlite: Database.Database, settings: SettingsStore, iupd: string): NoticeData {
  const ente = settings.get<EnteSettings>('ente')
  if (!ente) throw new AppError('UNAVAILABLE', 'notices.enteMissing')
  const notice = settings.get<NoticeSettings>('notice') ?? {}
  const db = queryDb(sqlite)
  const found = dueForNotice(db, iupd, iupd.replace(/\s/g, ''))
  if (!found) throw new AppError('NOT_FOUND', 'notices.dueNotFound', { iupd })
  const p = found.position
  if (p.status === 'PAID' || p.status === 'REPORTED') throw new AppError('CONFLICT', 'notices.alreadyPaid')
  if (p.status === 'INVALID') throw new AppError('CONFLICT', 'notices.cancelled')
  const options = optionsOf(db, p.id).filter((o) => o.status === 'PO_UNPAID')
  // Once an installment is paid, the single payment is no longer on offer.
  const single = p.status === 'PARTIALLY_PAID' ? undefined : options.find((o) => o.installmentNo === 0)
  const installments = options.filter((o) => o.installmentNo > 0)
  if (!single && installments.length === 0) throw new AppError('CONFLICT', 'notices.nothingToPay')
  const payment = (o: OptionRow) => ({ nav: o.nav, amountCents: o.amountCents, dueDate: o.dueDate, installmentNo: o.installmentNo })
  const address = [
    [p.debtorStreetName, p.debtorCivicNumber].filter(Boolean).join(' '),
    [p.debtorPostalCode, p.debtorCity, p.debtorProvince].filter(Boolean).join(' ')
  ]
    .filter(Boolean)
    .join(' ')
  let logoPng: Uint8Array | undefined
  if (notice.logoPath) {
    try {
      logoPng = new Uint8Array(readFileSync(notice.logoPath))
    } catch {
      throw new AppError('UNAVAILABLE', 'notices.logoUnreadable', { path: notice.logoPath })
    }
  }
  const { postalAccount } = found
  return {
    subject: p.causale.slice(0, 90),
    ente: {
      name: ente.name,
      fiscalCode: ente.fiscalCode,
      sector: ente.sector,
      info: ente.info,
      cbill: ente.cbill,
      ...(notice.website ? { website: notice.website } : {}),
      ...(logoPng ? { logoPng } : {})
    },
    debtor: { fiscalCode: p.debtorFiscalCode, fullName: p.debtorName, address },
    single: single ? payment(single) : null,
    installments: installments.map(payment),
    poste:
      postalAccount && notice.postalAuthorization
        ? { account: postalAccount, holder: notice.postalHolder ?? ente.name, authorization: notice.postalAuthorization }
        : null
  }
}
