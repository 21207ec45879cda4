// What a due's notice says, from the cache: the ente's settings, the debtor, the options still
// payable, and the Poste section when the due type has a postal account.
import type Database from 'better-sqlite3'
import { readFileSync } from 'node:fs'
import { AppError } from '../../contract/errors'
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
  if (!ente) throw new AppError('UNAVAILABLE', "Ente non configurato: impostare i dati dell'ente prima di stampare avvisi.")
  const notice = settings.get<NoticeSettings>('notice') ?? {}
  const p = sqlite
    .prepare(
      `SELECT p.*, t.postal_account, t.postal_iban FROM positions p LEFT JOIN due_types t ON t.id = p.due_type_id WHERE p.iupd = ? OR p.id IN (SELECT position_id FROM payment_options WHERE nav = ?)`
    )
    .get(iupd, iupd.replace(/\s/g, '')) as Record<string, string | number | null> | undefined
  if (!p) throw new AppError('NOT_FOUND', `Dovuto ${iupd} non trovato.`)
  if (p.status === 'PAID' || p.status === 'REPORTED') throw new AppError('CONFLICT', 'Il dovuto risulta già pagato: non c’è un avviso da stampare.')
  if (p.status === 'INVALID') throw new AppError('CONFLICT', 'Il dovuto è annullato: non c’è un avviso da stampare.')
  const options = sqlite
    .prepare("SELECT nav, amount_cents, due_date, installment_no FROM payment_options WHERE position_id = ? AND status = 'PO_UNPAID' ORDER BY installment_no")
    .all(p.id) as { nav: string; amount_cents: number; due_date: string; installment_no: number }[]
  // Once an installment is paid, the single payment is no longer on offer.
  const single = p.status === 'PARTIALLY_PAID' ? undefined : options.find((o) => o.installment_no === 0)
  const installments = options.filter((o) => o.installment_no > 0)
  if (!single && installments.length === 0) throw new AppError('CONFLICT', 'Nessuna rata ancora da pagare per questo dovuto.')
  const payment = (o: (typeof options)[number]) => ({ nav: o.nav, amountCents: o.amount_cents, dueDate: o.due_date, installmentNo: o.installment_no })
  const address = [
    [p.debtor_street_name, p.debtor_civic_number].filter(Boolean).join(' '),
    [p.debtor_postal_code, p.debtor_city, p.debtor_province].filter(Boolean).join(' ')
  ]
    .filter(Boolean)
    .join(' ')
  let logoPng: Uint8Array | undefined
  if (notice.logoPath) {
    try {
      logoPng = new Uint8Array(readFileSync(notice.logoPath))
    } catch {
      throw new AppError('UNAVAILABLE', `Logo dell'ente non leggibile: ${notice.logoPath}`)
    }
  }
  const postalAccount = p.postal_account as string | null
  return {
    subject: String(p.causale).slice(0, 90),
    ente: {
      name: ente.name,
      fiscalCode: ente.fiscalCode,
      sector: ente.sector,
      info: ente.info,
      cbill: ente.cbill,
      ...(notice.website ? { website: notice.website } : {}),
      ...(logoPng ? { logoPng } : {})
    },
    debtor: { fiscalCode: String(p.debtor_fiscal_code), fullName: String(p.debtor_name), address },
    single: single ? payment(single) : null,
    installments: installments.map(payment),
    poste:
      postalAccount && notice.postalAuthorization
        ? { account: postalAccount, holder: notice.postalHolder ?? ente.name, authorization: notice.postalAuthorization }
        : null
  }
}
