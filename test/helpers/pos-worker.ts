// A desk process for the crash test: recovers what a previous (killed) run left open, then pays
// one due through the terminal. The test kills it with SIGKILL at random moments.
import { join } from 'node:path'
import { openDatabase } from '../../src-main/core/db/open'
import { Ecr17Session } from '../../src-main/core/pos/ecr17/session'
import { createPosPayments } from '../../src-main/core/pos/payments'
import { createReceiptBook, receiptReservationFile } from '../../src-main/core/receipts/numbering'
import { createSettingsStore } from '../../src-main/core/settings/settings'
import { TcpTransport } from '../../src-main/core/pos/transport'
import { MIGRATIONS } from './paths'

async function main(): Promise<void> {
  const started = Date.now()
  const [dataDir, port, nav] = process.argv.slice(2) as [string, string, string | undefined]
  const db = openDatabase(join(dataDir, 'sportello.db'), { migrationsFolder: MIGRATIONS })
  const link = new TcpTransport('127.0.0.1', Number(port))
  const session = new Ecr17Session(link, { scope: 'payload+etx', ackTimeoutMs: 500, resultTimeoutMs: 1_500, maxTransmissions: 3 })
  const payments = createPosPayments({ sqlite: db.sqlite, session, ids: { terminalId: '12345678', cashRegisterId: '00000001' }, operator: () => 'crash-test', receipts: createReceiptBook({ sqlite: db.sqlite, settings: createSettingsStore(db.sqlite), reservationFile: receiptReservationFile(dataDir) }) })
  process.stdout.write(`ready ${Date.now() - started}\n`)
  const recovered = await payments.recoverPending()
  process.stdout.write(`recovered ${JSON.stringify(recovered.map((r) => r.state))}\n`)
  if (nav && nav !== '-') {
    try {
      const outcome = await payments.pay(nav)
      process.stdout.write(`paid ${outcome.state}\n`)
    } catch (error) {
      process.stdout.write(`refused ${error instanceof Error ? error.message : String(error)}\n`)
    }
  }
  await link.close()
  db.close()
}
void main()
