// A desk terminal as the app builds it, on a demo cache: for the POS tests.
import { join } from 'node:path'
import type { PosSettingsInput } from '../../src-main/contract/pos'
import { createDueDetail } from '../../src-main/core/dues/detail'
import { createEventBus } from '../../src-main/core/events'
import { createPosDesk } from '../../src-main/core/pos/pos-desk'
import { createReceiptBook, receiptReservationFile } from '../../src-main/core/receipts/numbering'
import { createSettingsStore } from '../../src-main/core/settings/settings'
import { openDemoDatabase } from './demo-db'

const CLERK = { role: 'operatore', permissions: ['dues.registerPayment', 'pos.pay'] as const }

/** `cleanup` receives what to undo after the test. */
export function setupPosDesk(cleanup: (() => void | Promise<void>)[], pos?: PosSettingsInput) {
  const db = openDemoDatabase(60)
  const settings = createSettingsStore(db.sqlite)
  if (pos) settings.set('pos', pos)
  const events = createEventBus()
  const seen: { name: string; payload: unknown }[] = []
  events.subscribe((name, payload) => seen.push({ name, payload }))
  const recorded: string[] = []
  const states: string[] = []
  const desk = createPosDesk({ mode: 'demo', sqlite: db.sqlite, settings, events, receipts: createReceiptBook({ sqlite: db.sqlite, settings, reservationFile: receiptReservationFile(join(db.sqlite.name, '..')) }), operator: () => 'Operatore di prova', onRecorded: (iupd) => recorded.push(iupd), onStateChange: () => states.push(desk.state().state) })
  cleanup.push(db.cleanup, () => desk.close())
  const singles = db.sqlite
    .prepare("SELECT p.iupd, o.nav, o.amount_cents AS amountCents FROM positions p JOIN payment_options o ON o.position_id = p.id WHERE p.status = 'VALID' AND (SELECT count(*) FROM payment_options x WHERE x.position_id = p.id) = 1 LIMIT 5")
    .all() as { iupd: string; nav: string; amountCents: number }[]
  const detail = (iupd: string) => createDueDetail(db.sqlite)(iupd, { role: CLERK.role, permissions: [...CLERK.permissions] })
  return { db, settings, desk, seen, recorded, states, due: singles[0]!, singles, detail }
}
