// The one terminal of the desk at a time: built from the settings, opened on first use, kept
// open, one operation at a time, swapped only when nothing is in flight.
import { AppError } from '../../contract/errors'
import type { PosState } from '../../contract/app'
import { message, type Message } from '../../contract/messages'
import type { PosSettings, PosSettingsInfo, PosTestResult } from '../../contract/pos'
import { openFailure } from './ecr17/session'
import { listSerialPorts } from './ports'
import { buildTerminal, savedTerminal, testTerminal, type Terminal } from './terminal'
import type { PosDeskOptions } from './terminal'

/** Why a live desk without a terminal cannot take a card payment (and why the action is not offered). */
export const NO_TERMINAL_REFUSAL: Message = message('pos.noTerminal')
export const VIRTUAL_ONLY_IN_DEMO: Message = message('pos.virtualOnlyInDemo')
const NONE = message('pos.terminalName.none')

export function createTerminalSlot(options: PosDeskOptions) {
  const build = (settings: PosSettings | null): Terminal | null => (settings ? buildTerminal(settings, options) : null)
  let configured = savedTerminal(options.settings, options.mode)
  let terminal = build(configured)
  /** Work asked of the terminal and not finished (payments, closing, a connection test). */
  let inFlight = 0
  let reachable: boolean | null = null

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
      throw new AppError('UNAVAILABLE', 'pos.unreachable', { terminal: t.transport.description, error: openFailure(error) })
    }
  }
  async function exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (inFlight > 0) throw new AppError('CONFLICT', 'pos.busy')
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
  return {
    current,
    connect,
    exclusive,
    shutdown,
    present: () => terminal,
    state(): { state: PosState; terminal: Message } {
      if (!terminal) return { state: 'none', terminal: NONE }
      if (inFlight > 0) return { state: 'busy', terminal: terminal.transport.description }
      if (configured?.mode === 'virtual') return { state: 'virtual', terminal: terminal.transport.description }
      return { state: reachable === false ? 'offline' : 'ready', terminal: terminal.transport.description }
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
    /** Saves and switches to another terminal; refused while a payment is running or to be checked. */
    async configure(next: PosSettings): Promise<void> {
      if (next.mode === 'virtual' && options.mode !== 'demo') throw new AppError('INVALID_INPUT', VIRTUAL_ONLY_IN_DEMO)
      await exclusive(async () => {
        if (terminal?.payments.hasPending()) throw new AppError('CONFLICT', 'pos.pendingBeforeSwitch')
        await shutdown()
        options.settings.set('pos', next)
        configured = next
        reachable = null
        terminal = build(next)
      })
    }
  }
}
