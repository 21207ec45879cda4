// The desk's terminal as built from its settings: the transport (serial, network, or the demo's
// virtual terminal), the ECR17 session on it, and the journal-first payments through it.
import type Database from 'better-sqlite3'
import { message } from '../../contract/messages'
import { PosSettingsSchema, type PosSettings, type PosTestResult } from '../../contract/pos'
import type { EventBus } from '../events'
import type { ReceiptBook } from '../receipts/numbering'
import type { SettingsStore } from '../settings/settings'
import { calibrateLrcScope } from './calibration'
import { DEFAULT_SESSION, Ecr17Session } from './ecr17/session'
import { createPosPayments } from './payments'
import { SerialTransport, TcpTransport, type ByteTransport } from './transport'
import { VirtualTerminalTransport } from './virtual-terminal'

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

/**
 * "Prova connessione": the status command (no side effects) under each LRC scope, the saved one
 * first. Used by the settings and by the first-run screen, before any terminal is the desk's.
 */
export async function testTerminal(candidate: PosSettings): Promise<PosTestResult> {
  const probe = transportFor(candidate)
  try {
    const found = await calibrateLrcScope(probe, idsOf(candidate).terminalId, { first: scopeOf(candidate) })
    if ('error' in found) return { ok: false, message: found.error, scope: null }
    const { state, terminalId } = found.status
    const facts = { terminal: probe.description, terminalId, scope: found.scope }
    const said = state === '2' ? message('pos.test.operative', facts) : state === '1' ? message('pos.test.busy', facts) : message('pos.test.state', { ...facts, state })
    return { ok: true, message: said, scope: found.scope }
  } finally {
    await probe.close()
  }
}

/**
 * The terminal a desk starts with. The demo pays through the virtual terminal unless told
 * otherwise. A live desk has no terminal until one is set up, and never the virtual one. A setting
 * that no longer parses (hand-edited, older version) is no terminal rather than a half-described
 * one; the status bar says so.
 */
export function savedTerminal(settings: SettingsStore, mode: 'demo' | 'live'): PosSettings | null {
  const saved = PosSettingsSchema.safeParse(settings.get<unknown>('pos'))
  if (saved.success && (saved.data.mode !== 'virtual' || mode === 'demo')) return saved.data
  return mode === 'demo' ? PosSettingsSchema.parse({ mode: 'virtual' }) : null
}

/** What the desk's terminal is built from (pos-desk.ts). */
export interface PosDeskOptions {
  sqlite: Database.Database
  settings: SettingsStore
  events: EventBus
  operator: () => string
  /** Numbers the receipt of every approved payment (see receipts/numbering). */
  receipts: ReceiptBook
  onRecorded: (iupd: string) => void
  /** The terminal became busy, idle, reachable or not: the status bar shows it at once. */
  onStateChange?: () => void
  /** The virtual terminal exists only in the demo: a live desk pays only through a real one. */
  mode: 'demo' | 'live'
}

export interface TerminalDeps {
  sqlite: Database.Database
  events: EventBus
  operator: () => string
  receipts: ReceiptBook
  onRecorded: (iupd: string) => void
}

export function buildTerminal(settings: PosSettings, deps: TerminalDeps) {
  const transport = transportFor(settings)
  const ids = idsOf(settings)
  const session = new Ecr17Session(transport, { ...DEFAULT_SESSION, scope: scopeOf(settings) })
  const payments = createPosPayments({
    sqlite: deps.sqlite,
    session,
    ids,
    operator: deps.operator,
    receipts: deps.receipts,
    pagopaPsp: settings.pagopaPsp,
    onProgress: (journalId, iupd, text) => deps.events.emit('pos.progress', { journalId, iupd, text }),
    onRecorded: deps.onRecorded
  })
  return { transport, ids, session, payments }
}
export type Terminal = ReturnType<typeof buildTerminal>
