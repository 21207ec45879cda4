// A desk process for the receipts' crash test: records desk payments one after the other, each
// numbered by the receipt book as the app does, and holds each transaction open a moment after the
// number is reserved, so that SIGKILL lands between the reservation and the commit. It says
// "reserved N" once the number is in the reservation file and "issued N" once it is committed.
import { join } from 'node:path'
import { openDatabase } from '../../src-main/core/db/open'
import { createOutbox } from '../../src-main/core/db/outbox'
import { recordDeskPayment } from '../../src-main/core/dues/desk-payment'
import { createReceiptBook, receiptReservationFile, type ReceiptBook } from '../../src-main/core/receipts/numbering'
import { createSettingsStore } from '../../src-main/core/settings/settings'
import { MIGRATIONS } from './paths'

const [dataDir, count, pauseMs] = process.argv.slice(2) as [string, string, string]
const db = openDatabase(join(dataDir, 'sportello.db'), { migrationsFolder: MIGRATIONS })
const { sqlite } = db
const book = createReceiptBook({ sqlite, settings: createSettingsStore(sqlite), reservationFile: receiptReservationFile(dataDir) })
const pause = new Int32Array(new SharedArrayBuffer(4))
const slowBook: ReceiptBook = {
  issue(deskPaymentId, operator) {
    const issued = book.issue(deskPaymentId, operator)
    process.stdout.write(`reserved ${issued.number}\n`)
    Atomics.wait(pause, 0, 0, Number(pauseMs))
    return issued
  }
}
const outbox = createOutbox(sqlite)
const nextUnpaid = sqlite.prepare<[], { id: number; position_id: number; iupd: string; nav: string; amount_cents: number }>(
  "SELECT o.id, o.position_id, p.iupd, o.nav, o.amount_cents FROM payment_options o JOIN positions p ON p.id = o.position_id WHERE p.status = 'VALID' AND o.status = 'PO_UNPAID' AND o.is_partial_payment = 0 ORDER BY o.id LIMIT 1"
)
const numberOf = sqlite.prepare<[number], { number: number }>('SELECT r.number FROM receipts r JOIN desk_payments d ON d.id = r.desk_payment_id WHERE d.option_id = ?')
process.stdout.write('ready\n')
for (let i = 0; i < Number(count); i++) {
  const option = nextUnpaid.get()
  if (!option) break
  sqlite.transaction(() => {
    recordDeskPayment(sqlite, outbox, { optionId: option.id, positionId: option.position_id, isPartialPayment: false, iupd: option.iupd, nav: option.nav, channel: 'contanti', paidAt: new Date().toISOString(), amountCents: option.amount_cents, reference: null, operator: 'crash-test', note: null, pspCompany: 'Sportello' }, slowBook)
  })()
  process.stdout.write(`issued ${numberOf.get(option.id)!.number}\n`)
}
db.close()
