// The desk's terminal: which one (see terminal.ts), its journal-first payments, the receipts and
// the end-of-day closing (till.ts), plus what the UI shows while a payment runs. One terminal per
// desk, opened on first use and kept open; changing the settings swaps it only when nothing is in
// flight.
import type Database from 'better-sqlite3'
import { AppError } from '../../contract/errors'
import type { PosState } from '../../contract/app'
import type { PosClosureInfo, PosJournalInfo, PosOutcomeInfo, PosSettings, PosSettingsInfo, PosTestResult } from '../../contract/pos'
import type { EventBus } from '../events'
import type { EnteSettings, SettingsStore } from '../settings/settings'
import { createPosLedger } from './ledger'
import { listSerialPorts } from './ports'
import { buildTerminal, savedTerminal, testTerminal, type Terminal } from './terminal'
import { closeTerminalSession, closingReport, receiptOf } from './till'

export { testTerminal } from './terminal'

export interface PosDeskOptions {
  sqlite: Database.Database
  settings: SettingsStore
  events: EventBus
  operator: () => string
  onRecorded: (iupd: string) => void
  /** The terminal became busy, idle, reachable or not: the status bar shows it at once. */
  onStateChange?: () => void
  /** The virtual terminal exists only in the demo: a live desk pays only through a real one. */
  mode: 'demo' | 'live'
}

/** Why a live desk without a terminal cannot take a card payment (and why the action is not offered). */
export const NO_TERMINAL_REFUSAL = 'Nessun terminale POS collegato a questo sportello: configurarlo in Impostazioni › POS.'
export const VIRTUAL_ONLY_IN_DEMO = 'Il terminale virtuale esiste solo nella prova con dati dimostrativi: su uno sportello collegato all’ente scegliere un POS seriale/USB o di rete.'
const NONE = 'Nessun terminale POS configurato'

export function createPosDesk(options: PosDeskOptions) {
  const { sqlite } = options
  const ledger = createPosLedger(sqlite)
  const build = (settings: PosSettings | null): Terminal | null => (settings ? buildTerminal(settings, options) : null)
  let configured = savedTerminal(options.settings, options.mode)
  let terminal = build(configured)
  /** Work asked of the terminal and not finished (payments, closing, a connection test). */
  let inFlight = 0
  let reachable: boolean | null = null
  const enteName = () => options.settings.get<EnteSettings>('ente')?.name ?? 'Ente'

  const current = (): Terminal => {
    if (!terminal) throw new AppError('UNAVAILABLE', NO_TERMINAL_REFUSAL)
    return terminal
  }
  async function connect(): Promise<Terminal> {
    const t = current()
    try {
      await t.transport.open()
      reachable = true
      return t
    } catch (error) {
      reachable = false
      throw new AppError('UNAVAILABLE', `POS non raggiungibile (${t.transport.description}): ${error instanceof Error ? error.message : String(error)}. Nessun addebito è stato richiesto.`)
    }
  }
  async function exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (inFlight > 0) throw new AppError('CONFLICT', 'Il POS sta eseguendo un’operazione: attendere che finisca.')
    inFlight++
    options.onStateChange?.()
    try {
      return await work()
    } finally {
      inFlight--
      options.onStateChange?.()
    }
  }
  async function shutdown(): Promise<void> {
    if (!terminal) return
    terminal.session.dispose()
    await terminal.transport.close()
  }
  /** Saves and switches to another terminal; refused while a payment is running or to be checked. */
  async function configure(next: PosSettings): Promise<void> {
    if (next.mode === 'virtual' && options.mode !== 'demo') throw new AppError('INVALID_INPUT', VIRTUAL_ONLY_IN_DEMO)
    await exclusive(async () => {
      if (terminal?.payments.hasPending()) throw new AppError('CONFLICT', 'Un pagamento POS attende la verifica dell’esito con il terminale attuale: completarla prima di cambiare terminale.')
      await shutdown()
      options.settings.set('pos', next)
      configured = next
      reachable = null
      terminal = build(next)
    })
  }

  return {
    state(): { state: PosState; terminal: string } {
      if (!terminal) return { state: 'none', terminal: NONE }
      if (inFlight > 0) return { state: 'busy', terminal: terminal.transport.description }
      if (configured?.mode === 'virtual') return { state: 'virtual', terminal: terminal.transport.description }
      return { state: reachable === false ? 'offline' : 'ready', terminal: terminal.transport.description }
    },
    /** Why no card payment can start at this desk (no terminal), or null: the due's page and pay() ask it. */
    refusal: (): string | null => (terminal ? null : NO_TERMINAL_REFUSAL),
    /** Sends one unpaid installment to the terminal and records the outcome, whatever happens on the way. */
    pay(nav: string): Promise<PosOutcomeInfo> {
      current()
      return exclusive(async () => (await connect()).payments.pay(nav))
    },
    /** The operator settles an "esito incerto" after reading the terminal's receipt or journal. */
    resolve: (id: string, approved: boolean, note: string): PosOutcomeInfo => current().payments.resolve(id, approved, note),
    /** After a restart: entries left open by a crash are settled with the terminal before anything else. */
    async recoverPending(): Promise<PosOutcomeInfo[]> {
      if (!terminal?.payments.hasPending()) return []
      return exclusive(async () => (await connect()).payments.recoverPending())
    },
    async settingsInfo(): Promise<PosSettingsInfo> {
      const { ports, note } = await listSerialPorts()
      return { settings: configured, terminal: terminal?.transport.description ?? NONE, ports, portsNote: note, virtualAllowed: options.mode === 'demo' }
    },
    /** "Prova connessione"; the desk's own link is closed first, since a serial port opens only once. */
    test(candidate: PosSettings): Promise<PosTestResult> {
      if (candidate.mode === 'virtual' && options.mode !== 'demo') return Promise.resolve({ ok: false, message: VIRTUAL_ONLY_IN_DEMO, scope: null })
      return exclusive(async () => {
        await terminal?.transport.close()
        return testTerminal(candidate)
      })
    },
    configure,
    journal: (): PosJournalInfo => ({ entries: ledger.openSession(), closures: ledger.closures() }),
    receipt: (id: string) => receiptOf(sqlite, ledger, enteName(), id),
    /** End of day: the terminal's session closed and reconciled with the journal. */
    closeDay: (): Promise<PosClosureInfo> => exclusive(async () => closeTerminalSession(await connect(), ledger, options.operator())),
    report: (closureId: number, format: 'pdf' | 'csv') => closingReport(ledger, enteName(), closureId, format),
    close: shutdown
  }
}
export type PosDesk = ReturnType<typeof createPosDesk>
