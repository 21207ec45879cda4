// The desk's terminal: which one (see terminal.ts), its journal-first payments, the receipts and
// the end-of-day closing (till.ts), plus what the UI shows while a payment runs. One terminal per
// desk, opened on first use and kept open; changing the settings swaps it only when nothing is in
// flight.
import type { Message } from '../../contract/messages'
import type { PosClosureInfo, PosJournalInfo, PosOutcomeInfo } from '../../contract/pos'
import { AppError } from '../../contract/errors'
import { receiptRefusal } from '../receipts/numbering'
import type { EnteSettings } from '../settings/settings'
import { createPosLedger } from './ledger'
import { createTerminalSlot, NO_TERMINAL_REFUSAL } from './terminal-slot'
import type { PosDeskOptions } from './terminal'
import { closeTerminalSession, closingReport, receiptOf } from './till'

export { testTerminal } from './terminal'

export type { PosDeskOptions } from './terminal'

export { NO_TERMINAL_REFUSAL, VIRTUAL_ONLY_IN_DEMO } from './terminal-slot'

export function createPosDesk(options: PosDeskOptions) {
  const { sqlite } = options
  const ledger = createPosLedger(sqlite)
  const slot = createTerminalSlot(options)
  const enteName = () => options.settings.get<EnteSettings>('ente')?.name ?? 'Ente'
  return {
    state: slot.state,
    /** Why no card payment can start at this desk (no terminal), or null: the due's page and pay() ask it. */
    refusal: (): Message | null => (slot.present() ? null : NO_TERMINAL_REFUSAL),
    /** Sends one unpaid installment to the terminal and records the outcome, whatever happens on the way. */
    pay(nav: string): Promise<PosOutcomeInfo> {
      slot.current()
      // Refused before the terminal hears anything: an approved charge must get its numbered receipt.
      const noReceipt = receiptRefusal(options.settings)
      if (noReceipt) throw new AppError('CONFLICT', noReceipt)
      return slot.exclusive(async () => (await slot.connect()).payments.pay(nav))
    },
    /** The operator settles an "esito incerto" after reading the terminal's receipt or journal. */
    resolve: (id: string, approved: boolean, note: string): PosOutcomeInfo => slot.current().payments.resolve(id, approved, note),
    /** After a restart: entries left open by a crash are settled with the terminal before anything else. */
    async recoverPending(): Promise<PosOutcomeInfo[]> {
      if (!slot.present()?.payments.hasPending()) return []
      return slot.exclusive(async () => (await slot.connect()).payments.recoverPending())
    },
    settingsInfo: slot.settingsInfo,
    test: slot.test,
    configure: slot.configure,
    journal: (): PosJournalInfo => ({ entries: ledger.openSession(), closures: ledger.closures() }),
    receipt: (id: string) => receiptOf(sqlite, ledger, enteName(), id),
    /** End of day: the terminal's session closed and reconciled with the journal. */
    closeDay: (): Promise<PosClosureInfo> => slot.exclusive(async () => closeTerminalSession(await slot.connect(), ledger, options.operator())),
    report: (closureId: number, format: 'pdf' | 'csv') => closingReport(ledger, enteName(), closureId, format),
    close: slot.shutdown
  }
}
export type PosDesk = ReturnType<typeof createPosDesk>
