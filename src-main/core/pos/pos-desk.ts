// The desk's terminal: which one (the embedded virtual terminal unless the settings name a serial
// port or a network address), its session and the journal-first payments, plus what the UI shows
// while a payment runs. One terminal per desk, opened on first use and kept open.
import type Database from 'better-sqlite3'
import { AppError } from '../../contract/errors'
import type { PosState } from '../../contract/app'
import type { PosOutcomeInfo } from '../../contract/desk'
import type { EventBus } from '../events'
import type { SettingsStore } from '../settings/settings'
import { DEFAULT_SESSION, Ecr17Session } from './ecr17/session'
import { createPosPayments, type PosPayments } from './payments'
import { PosSettingsSchema, type PosSettings } from './pos-settings'
import { SerialTransport, TcpTransport, type ByteTransport } from './transport'
import { VirtualTerminalTransport } from './virtual-terminal'

export type { PosSettings } from './pos-settings'

export interface PosDeskOptions {
  sqlite: Database.Database
  settings: SettingsStore
  events: EventBus
  operator: () => string
  onRecorded: (iupd: string) => void
}

export function createPosDesk(options: PosDeskOptions) {
  // A setting that no longer parses (hand-edited, older version) falls back to the virtual terminal
  // rather than sending payments to a half-described one; the status bar says which is in use.
  const saved = PosSettingsSchema.safeParse(options.settings.get<unknown>('pos') ?? { mode: 'virtual' })
  const configured: PosSettings = saved.success ? saved.data : { mode: 'virtual' }
  const transport: ByteTransport =
    configured.mode === 'serial'
      ? new SerialTransport({ path: configured.path, baudRate: configured.baudRate, dataBits: configured.dataBits, parity: configured.parity, stopBits: configured.stopBits })
      : configured.mode === 'tcp'
        ? new TcpTransport(configured.host, configured.port)
        : new VirtualTerminalTransport(configured.terminalId ? { terminalId: configured.terminalId } : {})
  const ids = { terminalId: configured.terminalId ?? '12345678', cashRegisterId: configured.cashRegisterId ?? '00000001' }
  const session = new Ecr17Session(transport, { ...DEFAULT_SESSION, scope: configured.mode === 'virtual' ? 'payload+etx' : (configured.scope ?? 'payload+etx') })
  /** Payments asked of this desk and not finished: from the moment they are asked, connection included. */
  let inFlight = 0
  let reachable: boolean | null = null
  const payments: PosPayments = createPosPayments({
    sqlite: options.sqlite,
    session,
    ids,
    operator: options.operator,
    onProgress: (journalId, iupd, text) => options.events.emit('pos.progress', { journalId, iupd, text }),
    onRecorded: options.onRecorded
  })

  async function connect(): Promise<void> {
    try {
      await transport.open()
      reachable = true
    } catch (error) {
      reachable = false
      throw new AppError('UNAVAILABLE', `POS non raggiungibile (${transport.description}): ${error instanceof Error ? error.message : String(error)}. Nessun addebito è stato richiesto.`)
    }
  }

  return {
    state(): { state: PosState; terminal: string } {
      if (inFlight > 0) return { state: 'busy', terminal: transport.description }
      if (configured.mode === 'virtual') return { state: 'virtual', terminal: transport.description }
      return { state: reachable === false ? 'offline' : 'ready', terminal: transport.description }
    },

    /** Sends one unpaid installment to the terminal and records the outcome, whatever happens on the way. */
    async pay(nav: string): Promise<PosOutcomeInfo> {
      inFlight++
      try {
        await connect()
        return await payments.pay(nav)
      } finally {
        inFlight--
      }
    },

    /** The operator settles an "esito incerto" after reading the terminal's receipt or journal. */
    resolve(id: string, approved: boolean, note: string): PosOutcomeInfo {
      return payments.resolve(id, approved, note)
    },

    /** After a restart: entries left open by a crash are settled with the terminal before anything else. */
    async recoverPending(): Promise<PosOutcomeInfo[]> {
      if (!payments.hasPending()) return []
      await connect()
      return payments.recoverPending()
    },

    async close(): Promise<void> {
      session.dispose()
      await transport.close()
    }
  }
}
export type PosDesk = ReturnType<typeof createPosDesk>
