// What the desk's commands on dues share: the cache, the outbox and the audit log they write in
// one transaction, the operator, today in Rome, and the codes of new dues.
import type Database from 'better-sqlite3'
import { join } from 'node:path'
import type { PositionStatus } from '../../contract/dues'
import { AppError } from '../../contract/errors'
import { message, type Message } from '../../contract/messages'
import { createAuditLog, type AuditLog } from '../audit/audit-log'
import { createOutbox, type Outbox } from '../db/outbox'
import { createIuvAllocator, type AllocatedCodes, type IuvAllocator } from '../pagopa/iuv-allocator'
import { parseAmount } from '../pagopa/money'
import { createReceiptBook, receiptReservationFile, type ReceiptBook } from '../receipts/numbering'
import { currentDesk, deskRefusal, type DeskSettings } from '../settings/desk'
import type { EnteSettings, SettingsStore } from '../settings/settings'

export interface CommandsContext {
  sqlite: Database.Database
  settings: SettingsStore
  dataDir: string
  operator: () => string
  today?: () => string
}

export interface PositionRow {
  id: number
  iupd: string
  status: PositionStatus
  amount_cents: number
  due_date: string
  causale: string
}

export interface DueCommandContext {
  sqlite: Database.Database
  settings: SettingsStore
  operator: () => string
  today: () => string
  audit: AuditLog
  outbox: Outbox
  /** Numbers the receipt of every payment taken at the desk (see receipts/numbering). */
  receipts: ReceiptBook
  positionByIupd(iupd: string): PositionRow | undefined
  mustFind(iupd: string): PositionRow
  /** The due as the audit log keeps it, before and after a change. */
  snapshot(iupd: string): Record<string, unknown> | undefined
  /** The ente and the desk a new due is created for; refused without a desk number, or with one in use elsewhere. */
  allocateContext(): { ente: EnteSettings; desk: DeskSettings }
  /** The next codes of this desk (inside the transaction that stores them). */
  allocate(): { ente: EnteSettings; desk: DeskSettings; codes: AllocatedCodes }
}

export function refuseIf(reason: Message | null): void {
  if (reason) throw new AppError('CONFLICT', reason)
}

/** Cents as given, or an Italian amount as the operator typed it: the due's amount, or installment n's (from 1). */
export function cents(value: number | string, installment?: number): number {
  if (typeof value === 'number') return value
  const parsed = parseAmount(value)
  if (!parsed.valid) {
    throw new AppError('INVALID_INPUT', installment === undefined ? message('dues.amountInvalid', { reason: parsed.reason }) : message('dues.installmentAmountInvalid', { n: installment, reason: parsed.reason }))
  }
  return parsed.cents
}

const romeToday = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' })

export function createCommandContext(ctx: CommandsContext): DueCommandContext {
  const { sqlite } = ctx
  let allocator: IuvAllocator | null = null
  const byIupd = sqlite.prepare<[string], PositionRow>('SELECT id, iupd, status, amount_cents, due_date, causale FROM positions WHERE iupd = ?')
  const allocateContext = () => {
    const ente = ctx.settings.get<EnteSettings>('ente')
    if (!ente) throw new AppError('UNAVAILABLE', 'dues.enteMissing')
    refuseIf(deskRefusal(ctx.settings))
    return { ente, desk: currentDesk(ctx.settings)! }
  }
  return {
    sqlite,
    settings: ctx.settings,
    operator: ctx.operator,
    today: ctx.today ?? romeToday,
    audit: createAuditLog(sqlite),
    outbox: createOutbox(sqlite),
    receipts: createReceiptBook({ sqlite, settings: ctx.settings, reservationFile: receiptReservationFile(ctx.dataDir) }),
    positionByIupd: (iupd) => byIupd.get(iupd),
    mustFind(iupd) {
      const row = byIupd.get(iupd)
      if (!row) throw new AppError('NOT_FOUND', 'dues.notFound', { iupd })
      return row
    },
    snapshot(iupd) {
      // The audit log keeps the row as the cache stores it (column names), whatever the code calls them.
      const p = sqlite.prepare<[string], Record<string, unknown> & { id: number }>('SELECT * FROM positions WHERE iupd = ?').get(iupd)
      if (!p) return undefined
      return { ...p, options: sqlite.prepare('SELECT iuv, nav, amount_cents, due_date, status, installment_no FROM payment_options WHERE position_id = ? ORDER BY installment_no').all(p.id) }
    },
    allocateContext,
    allocate() {
      const { ente, desk } = allocateContext()
      if (!allocator || allocator.deskNumber !== desk.number) {
        allocator = createIuvAllocator({ sqlite, segregationCode: ente.segregationCode, deskNumber: desk.number, reservationFile: join(ctx.dataDir, 'iuv-reservation.json') })
      }
      return { ente, desk, codes: allocator.next() }
    }
  }
}
