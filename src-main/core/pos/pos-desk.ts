// The desk's terminal: which one (the embedded virtual terminal unless the settings name a serial
// port or a network address), its session and the journal-first payments, the receipts and the
// end-of-day closing, plus what the UI shows while a payment runs. One terminal per desk, opened
// on first use and kept open; changing the settings swaps it only when nothing is in flight.
import type Database from 'better-sqlite3'
import { AppError } from '../../contract/errors'
import type { PosState } from '../../contract/app'
import { PosSettingsSchema, type PosClosureInfo, type PosJournalInfo, type PosOutcomeInfo, type PosSettings, type PosSettingsInfo, type PosTestResult } from '../../contract/pos'
import type { EventBus } from '../events'
import type { EnteSettings, SettingsStore } from '../settings/settings'
import { calibrateLrcScope } from './calibration'
import { dailyReportCsv, isApproved, renderDailyReport, renderReceipt } from './documents'
import { ecr17, parseCloseSession } from './ecr17/messages'
import { DEFAULT_SESSION, Ecr17Session } from './ecr17/session'
import { createPosLedger } from './ledger'
import { createPosPayments, type PosPayments } from './payments'
import { listSerialPorts } from './ports'
import { SerialTransport, TcpTransport, type ByteTransport } from './transport'
import { VirtualTerminalTransport } from './virtual-terminal'

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

/**
 * "Prova connessione": the status command (no side effects) under each LRC scope, the saved one
 * first. Used by the settings and by the first-run screen, before any terminal is the desk's.
 */
export async function testTerminal(candidate: PosSettings): Promise<PosTestResult> {
  const probe = transportFor(candidate)
  try {
    const found = await calibrateLrcScope(probe, idsOf(candidate).terminalId, { first: scopeOf(candidate) })
    if ('error' in found) return { ok: false, message: found.error, scope: null }
    const state = found.status.state === '2' ? 'operativo' : found.status.state === '1' ? 'occupato in un’operazione' : `in stato ${found.status.state}`
    return { ok: true, message: `POS raggiungibile (${probe.description}): terminale ${found.status.terminalId}, ${state}, controllo LRC «${found.scope}».`, scope: found.scope }
  } finally {
    await probe.close()
  }
}

const DEFAULT_IDS = { terminalId: '12345678', cashRegisterId: '00000001' }

function transportFor(settings: PosSettings): ByteTransport {
  if (settings.mode === 'serial') {
    return new SerialTransport({ path: settings.path, baudRate: settings.baudRate, dataBits: settings.dataBits, parity: settings.parity, stopBits: settings.stopBits })
  }
  if (settings.mode === 'tcp') return new TcpTransport(settings.host, settings.port)
  return new VirtualTerminalTransport(settings.terminalId ? { terminalId: settings.terminalId } : {})
}
const idsOf = (settings: PosSettings) => ({ terminalId: settings.terminalId ?? DEFAULT_IDS.terminalId, cashRegisterId: settings.cashRegisterId ?? DEFAULT_IDS.cashRegisterId })
const scopeOf = (settings: PosSettings) => (settings.mode === 'virtual' ? 'payload+etx' : (settings.scope ?? 'payload+etx'))

export function createPosDesk(options: PosDeskOptions) {
  const { sqlite } = options
  const ledger = createPosLedger(sqlite)

  // The demo pays through the virtual terminal unless told otherwise. A live desk has no terminal
  // until one is set up, and never the virtual one. A setting that no longer parses (hand-edited,
  // older version) is no terminal rather than a half-described one; the status bar says so.
  const demoDefault = options.mode === 'demo' ? PosSettingsSchema.parse({ mode: 'virtual' }) : null
  const saved = PosSettingsSchema.safeParse(options.settings.get<unknown>('pos'))
  let configured: PosSettings | null = saved.success && (saved.data.mode !== 'virtual' || options.mode === 'demo') ? saved.data : demoDefault

  function build(settings: PosSettings | null) {
    if (!settings) return null
    const transport = transportFor(settings)
    const ids = idsOf(settings)
    const session = new Ecr17Session(transport, { ...DEFAULT_SESSION, scope: scopeOf(settings) })
    const payments: PosPayments = createPosPayments({
      sqlite,
      session,
      ids,
      operator: options.operator,
      pagopaPsp: settings.pagopaPsp,
      onProgress: (journalId, iupd, text) => options.events.emit('pos.progress', { journalId, iupd, text }),
      onRecorded: options.onRecorded
    })
    return { transport, ids, session, payments }
  }
  let terminal = build(configured)
  const current = () => {
    if (!terminal) throw new AppError('UNAVAILABLE', NO_TERMINAL_REFUSAL)
    return terminal
  }
  /** Work asked of the terminal and not finished (payments, closing, a connection test). */
  let inFlight = 0
  let reachable: boolean | null = null

  async function connect(): Promise<void> {
    const { transport } = current()
    try {
      await transport.open()
      reachable = true
    } catch (error) {
      reachable = false
      throw new AppError('UNAVAILABLE', `POS non raggiungibile (${transport.description}): ${error instanceof Error ? error.message : String(error)}. Nessun addebito è stato richiesto.`)
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
  const enteName = () => options.settings.get<EnteSettings>('ente')?.name ?? 'Ente'

  return {
    state(): { state: PosState; terminal: string } {
      if (!terminal) return { state: 'none', terminal: 'Nessun terminale POS configurato' }
      if (inFlight > 0) return { state: 'busy', terminal: terminal.transport.description }
      if (configured?.mode === 'virtual') return { state: 'virtual', terminal: terminal.transport.description }
      return { state: reachable === false ? 'offline' : 'ready', terminal: terminal.transport.description }
    },

    /** Why no card payment can start at this desk (no terminal), or null: the due's page and pay() ask it. */
    refusal(): string | null {
      return terminal ? null : NO_TERMINAL_REFUSAL
    },

    /** Sends one unpaid installment to the terminal and records the outcome, whatever happens on the way. */
    pay(nav: string): Promise<PosOutcomeInfo> {
      const { payments } = current()
      return exclusive(async () => {
        await connect()
        return payments.pay(nav)
      })
    },

    /** The operator settles an "esito incerto" after reading the terminal's receipt or journal. */
    resolve(id: string, approved: boolean, note: string): PosOutcomeInfo {
      return current().payments.resolve(id, approved, note)
    },

    /** After a restart: entries left open by a crash are settled with the terminal before anything else. */
    async recoverPending(): Promise<PosOutcomeInfo[]> {
      if (!terminal?.payments.hasPending()) return []
      const { payments } = terminal
      return exclusive(async () => {
        await connect()
        return payments.recoverPending()
      })
    },

    async settingsInfo(): Promise<PosSettingsInfo> {
      const { ports, note } = await listSerialPorts()
      return { settings: configured, terminal: terminal?.transport.description ?? 'Nessun terminale POS configurato', ports, portsNote: note, virtualAllowed: options.mode === 'demo' }
    },

    /** "Prova connessione"; the desk's own link is closed first, since a serial port opens only once. */
    test(candidate: PosSettings): Promise<PosTestResult> {
      if (candidate.mode === 'virtual' && options.mode !== 'demo') return Promise.resolve({ ok: false, message: VIRTUAL_ONLY_IN_DEMO, scope: null })
      return exclusive(async () => {
        await terminal?.transport.close()
        return testTerminal(candidate)
      })
    },

    /** Saves and switches to another terminal; refused while a payment is running or to be checked. */
    async configure(next: PosSettings): Promise<void> {
      if (next.mode === 'virtual' && options.mode !== 'demo') throw new AppError('INVALID_INPUT', VIRTUAL_ONLY_IN_DEMO)
      await exclusive(async () => {
        if (terminal?.payments.hasPending()) throw new AppError('CONFLICT', 'Un pagamento POS attende la verifica dell’esito con il terminale attuale: completarla prima di cambiare terminale.')
        await shutdown()
        options.settings.set('pos', next)
        configured = next
        reachable = null
        terminal = build(next)
      })
    },

    journal(): PosJournalInfo {
      return { entries: ledger.openSession(), closures: ledger.closures() }
    },

    /** The citizen's receipt of an approved payment. */
    async receipt(id: string): Promise<{ filename: string; pdf: Uint8Array }> {
      const entry = ledger.entry(id)
      if (!entry) throw new AppError('NOT_FOUND', 'Operazione POS non trovata.')
      if (!isApproved(entry.state)) throw new AppError('CONFLICT', 'Solo un pagamento approvato ha una ricevuta.')
      const due = sqlite.prepare('SELECT causale, debtor_name FROM positions WHERE iupd = ?').get(entry.iupd) as { causale: string; debtor_name: string } | undefined
      const pdf = await renderReceipt({ ente: enteName(), entry, causale: due?.causale ?? '', debtor: due?.debtor_name ?? '' })
      return { filename: `ricevuta-pos-${entry.nav}-${entry.stan ?? entry.id.slice(0, 8)}.pdf`, pdf }
    },

    /**
     * End of day: closes the terminal's session (ECR17 C), whose answer carries the terminal's and
     * the host's totals, and records them against the journal. Open payments are settled first.
     */
    closeDay(): Promise<PosClosureInfo> {
      return exclusive(async () => {
        const { payments, session, ids } = current()
        await connect()
        if (payments.hasPending()) await payments.recoverPending()
        // Not repeated after any sign of acceptance: a second closing would report an empty session.
        const answer = await session.request(ecr17.closeSession(ids), { financial: true, expectResult: true, replyCodes: ['C'] })
        if (answer.kind === 'not-sent') throw new AppError('UNAVAILABLE', `Chiusura non inviata al POS: ${answer.reason}. Riprovare.`)
        const closed = answer.kind === 'result' ? parseCloseSession(answer.message) : null
        if (!closed) throw new AppError('UNAVAILABLE', 'Il POS non ha confermato la chiusura: stampare i totali dal terminale e verificarli prima di riprovare.')
        if (!closed.ok) throw new AppError('UNAVAILABLE', `Chiusura rifiutata dal POS: ${closed.description || 'nessuna spiegazione'} (codice ${closed.actionCode}).`)
        return ledger.recordClosure({ terminalId: ids.terminalId, operator: options.operator(), terminalCents: closed.posTotalCents, hostCents: closed.hostTotalCents })
      })
    },

    async report(closureId: number, format: 'pdf' | 'csv'): Promise<{ filename: string; bytes: Uint8Array }> {
      const found = ledger.closure(closureId)
      if (!found) throw new AppError('NOT_FOUND', 'Chiusura POS non trovata.')
      const report = { ente: enteName(), ...found }
      const day = found.closure.closedAt.slice(0, 10)
      const filename = `chiusura-pos-${day}-${closureId}.${format}`
      return { filename, bytes: format === 'pdf' ? await renderDailyReport(report) : new TextEncoder().encode(dailyReportCsv(report)) }
    },

    close: shutdown
  }
}
export type PosDesk = ReturnType<typeof createPosDesk>
