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

  // A setting that no longer parses (hand-edited, older version) falls back to the virtual terminal
  // rather than sending payments to a half-described one; the status bar says which is in use.
  const saved = PosSettingsSchema.safeParse(options.settings.get<unknown>('pos') ?? { mode: 'virtual' })
  let configured: PosSettings = saved.success ? saved.data : PosSettingsSchema.parse({ mode: 'virtual' })

  function build(settings: PosSettings) {
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
  /** Work asked of the terminal and not finished (payments, closing, a connection test). */
  let inFlight = 0
  let reachable: boolean | null = null

  async function connect(): Promise<void> {
    try {
      await terminal.transport.open()
      reachable = true
    } catch (error) {
      reachable = false
      throw new AppError('UNAVAILABLE', `POS non raggiungibile (${terminal.transport.description}): ${error instanceof Error ? error.message : String(error)}. Nessun addebito è stato richiesto.`)
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
    terminal.session.dispose()
    await terminal.transport.close()
  }
  const enteName = () => options.settings.get<EnteSettings>('ente')?.name ?? 'Ente'

  return {
    state(): { state: PosState; terminal: string } {
      if (inFlight > 0) return { state: 'busy', terminal: terminal.transport.description }
      if (configured.mode === 'virtual') return { state: 'virtual', terminal: terminal.transport.description }
      return { state: reachable === false ? 'offline' : 'ready', terminal: terminal.transport.description }
    },

    /** Sends one unpaid installment to the terminal and records the outcome, whatever happens on the way. */
    pay(nav: string): Promise<PosOutcomeInfo> {
      return exclusive(async () => {
        await connect()
        return terminal.payments.pay(nav)
      })
    },

    /** The operator settles an "esito incerto" after reading the terminal's receipt or journal. */
    resolve(id: string, approved: boolean, note: string): PosOutcomeInfo {
      return terminal.payments.resolve(id, approved, note)
    },

    /** After a restart: entries left open by a crash are settled with the terminal before anything else. */
    async recoverPending(): Promise<PosOutcomeInfo[]> {
      if (!terminal.payments.hasPending()) return []
      return exclusive(async () => {
        await connect()
        return terminal.payments.recoverPending()
      })
    },

    async settingsInfo(): Promise<PosSettingsInfo> {
      const { ports, note } = await listSerialPorts()
      return { settings: configured, terminal: terminal.transport.description, ports, portsNote: note }
    },

    /**
     * "Prova connessione": the status command (no side effects) under each LRC scope, the saved
     * one first. The desk's own link is closed first, since a serial port opens only once.
     */
    test(candidate: PosSettings): Promise<PosTestResult> {
      return exclusive(async () => {
        await terminal.transport.close()
        const probe = transportFor(candidate)
        try {
          const found = await calibrateLrcScope(probe, idsOf(candidate).terminalId, { first: scopeOf(candidate) })
          if ('error' in found) return { ok: false, message: found.error, scope: null }
          const state = found.status.state === '2' ? 'operativo' : found.status.state === '1' ? 'occupato in un’operazione' : `in stato ${found.status.state}`
          return { ok: true, message: `POS raggiungibile (${probe.description}): terminale ${found.status.terminalId}, ${state}, controllo LRC «${found.scope}».`, scope: found.scope }
        } finally {
          await probe.close()
        }
      })
    },

    /** Saves and switches to another terminal; refused while a payment is running or to be checked. */
    async configure(next: PosSettings): Promise<void> {
      await exclusive(async () => {
        if (terminal.payments.hasPending()) throw new AppError('CONFLICT', 'Un pagamento POS attende la verifica dell’esito con il terminale attuale: completarla prima di cambiare terminale.')
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
        await connect()
        if (terminal.payments.hasPending()) await terminal.payments.recoverPending()
        // Not repeated after any sign of acceptance: a second closing would report an empty session.
        const answer = await terminal.session.request(ecr17.closeSession(terminal.ids), { financial: true, expectResult: true, replyCodes: ['C'] })
        if (answer.kind === 'not-sent') throw new AppError('UNAVAILABLE', `Chiusura non inviata al POS: ${answer.reason}. Riprovare.`)
        const closed = answer.kind === 'result' ? parseCloseSession(answer.message) : null
        if (!closed) throw new AppError('UNAVAILABLE', 'Il POS non ha confermato la chiusura: stampare i totali dal terminale e verificarli prima di riprovare.')
        if (!closed.ok) throw new AppError('UNAVAILABLE', `Chiusura rifiutata dal POS: ${closed.description || 'nessuna spiegazione'} (codice ${closed.actionCode}).`)
        return ledger.recordClosure({ terminalId: terminal.ids.terminalId, operator: options.operator(), terminalCents: closed.posTotalCents, hostCents: closed.hostTotalCents })
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
