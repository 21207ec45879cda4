// "Cassa": the desk's collections since the last cash closing, and the closing itself. A closing
// covers every desk payment after the previous closing's last one up to the newest at that moment,
// whatever its channel, and records that last id: a payment taken after the closing, even the same
// day, belongs to the next one. Closings are never changed (migration 0011 refuses it).
import type Database from 'better-sqlite3'
import { AppError } from '../../contract/errors'
import { message } from '../../contract/messages'
import { POS_APPROVED_STATES } from '../../contract/pos'
import { expectedCash, tillCloseRefusal, type TillClosingInfo, type TillDayInfo, type TillOpenPeriod, type TillPaymentInfo, type TillPosPart, type TillTotals } from '../../contract/till'
import { createAuditLog } from '../audit/audit-log'
import { queryDb } from '../db/queries/query-db'
import { insertTillClosing, lastTillClosing, latestTillClosings, paymentsAfter, tillClosingOfDay, tillClosingRow, type TillClosingRow } from '../db/queries/till'
import { createPosLedger } from '../pos/ledger'
import { currentDesk } from '../settings/desk'
import type { EnteSettings, SettingsStore } from '../settings/settings'
import { tillReportCsv, renderTillReport } from './report'
import { summarise, toTillPayment } from './summary'

export interface TillOptions {
  sqlite: Database.Database
  settings: SettingsStore
  operator: () => string
  /** Today at the desk (Rome), yyyy-mm-dd; tests give their own. */
  today?: () => string
}

export const romeToday = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' })

/** What a closing keeps of its period, as it was: the report is printed from this, never recomputed. */
interface StoredPeriod {
  totals: TillTotals
  payments: TillPaymentInfo[]
  pos: TillPosPart
}

function toClosing(row: TillClosingRow): TillClosingInfo {
  // Written by close() below from a StoredPeriod, in this very shape.
  const period = JSON.parse(row.totalsJson) as StoredPeriod
  return {
    id: row.id,
    day: row.day,
    deskNumber: row.deskNumber,
    operator: row.operator,
    closedAt: row.closedAt,
    lastPaymentId: row.lastPaymentId,
    floatCents: row.floatCents,
    expectedCashCents: row.expectedCashCents,
    countedCents: row.countedCents,
    differenceCents: row.differenceCents,
    note: row.note,
    ...period
  }
}

export function createTill(options: TillOptions) {
  const { sqlite, settings } = options
  const db = queryDb(sqlite)
  const ledger = createPosLedger(sqlite)
  const audit = createAuditLog(sqlite)
  const today = options.today ?? romeToday
  const enteName = () => settings.get<EnteSettings>('ente')?.name ?? 'Ente'

  /** The integrated POS since the last cash closing: its terminal closings, and what it has not closed yet. */
  function posPart(afterClosureId: number): TillPosPart {
    const closures = ledger
      .closures(100)
      .filter((c) => c.id > afterClosureId)
      .reverse()
    const unclosed = ledger.openSession().filter((e) => POS_APPROVED_STATES.includes(e.state))
    return { closures, unclosedCount: unclosed.length, unclosedCents: unclosed.reduce((sum, e) => sum + e.amountCents, 0) }
  }

  function openPeriod(): TillOpenPeriod {
    const last = lastTillClosing(db)
    const payments = paymentsAfter(db, last?.lastPaymentId ?? 0).map(toTillPayment)
    return {
      since: last?.closedAt ?? null,
      firstPaymentId: payments[0]?.id ?? null,
      lastPaymentId: payments.at(-1)?.id ?? null,
      totals: summarise(payments),
      payments,
      pos: posPart(last?.lastPosClosureId ?? 0)
    }
  }

  return {
    /** A day at the till: its closing if it was closed and, for today, what the next closing will cover. */
    day(day?: string): TillDayInfo {
      const now = today()
      const asked = day ?? now
      const closed = tillClosingOfDay(db, asked)
      const closeAction = asked !== now ? message('till.onlyToday') : closed ? message('till.alreadyClosed') : null
      return {
        day: asked,
        today: now,
        closing: closed ? toClosing(closed) : null,
        open: asked === now ? openPeriod() : null,
        closeAction: { allowed: closeAction === null, reason: closeAction }
      }
    },

    /** "Chiusura di cassa" of today, with the cash counted; refused as contract/till.ts says. */
    close(input: { countedCents: number; floatCents: number; note?: string }): TillClosingInfo {
      return sqlite.transaction(() => {
        const day = today()
        const previous = lastTillClosing(db)
        const period = openPeriod()
        const expectedCashCents = expectedCash(period.totals, input.floatCents)
        const refusal = tillCloseRefusal({ alreadyClosed: tillClosingOfDay(db, day) !== undefined, expectedCents: expectedCashCents, countedCents: input.countedCents, note: input.note })
        if (refusal) throw new AppError('CONFLICT', refusal)
        const operator = options.operator()
        const note = input.note?.trim() || null
        const stored: StoredPeriod = { totals: period.totals, payments: period.payments, pos: period.pos }
        const id = insertTillClosing(db, {
          day,
          deskNumber: currentDesk(settings)?.number ?? null,
          operator,
          lastPaymentId: period.lastPaymentId ?? previous?.lastPaymentId ?? 0,
          lastPosClosureId: period.pos.closures.at(-1)?.id ?? previous?.lastPosClosureId ?? 0,
          paymentsCount: period.totals.count,
          totalCents: period.totals.cents,
          floatCents: input.floatCents,
          expectedCashCents,
          countedCents: input.countedCents,
          differenceCents: input.countedCents - expectedCashCents,
          note,
          totalsJson: JSON.stringify(stored)
        })
        const row = tillClosingRow(db, id)
        // Read back in the transaction that wrote it: absent only if the database lost the row.
        if (!row) throw new Error(`Chiusura di cassa ${id} non riletta dopo la scrittura.`)
        const closing = toClosing(row)
        // The audit keeps the figures; the list of payments stays in the closing itself.
        const figures = { id, day, lastPaymentId: closing.lastPaymentId, totals: closing.totals, floatCents: closing.floatCents, expectedCashCents, countedCents: closing.countedCents, differenceCents: closing.differenceCents }
        audit.append({ operator, action: 'tillClosing', entity: 'till', entityKey: day, after: figures, reason: note ?? 'Chiusura di cassa' })
        return closing
      })()
    },

    closings(limit = 60): TillClosingInfo[] {
      return latestTillClosings(db, limit).map(toClosing)
    },

    /** The closing's report, as PDF or as CSV for Excel. */
    async report(id: number, format: 'pdf' | 'csv'): Promise<{ filename: string; bytes: Uint8Array }> {
      const row = tillClosingRow(db, id)
      if (!row) throw new AppError('NOT_FOUND', 'till.closingNotFound')
      const report = { ente: enteName(), closing: toClosing(row) }
      const filename = `chiusura-cassa-${row.day}-${id}.${format}`
      return { filename, bytes: format === 'pdf' ? await renderTillReport(report) : new TextEncoder().encode(tillReportCsv(report)) }
    }
  }
}
export type Till = ReturnType<typeof createTill>
