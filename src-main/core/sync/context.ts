// What the sync's pull and push share: the cache, the backend, the link state, the statements.
import type Database from 'better-sqlite3'
import type { PositionStatus } from '../../contract/dues'
import { createAuditLog, type AuditLog } from '../audit/audit-log'
import { createOutbox, type Outbox } from '../db/outbox'
import type { GpdClient } from '../gpd/client'
import { createBackendWriter } from './mapper'
import { createSyncLink, type SyncLink } from './link'
import type { SyncEngineOptions, SyncSummary } from './types'

export const DAY_MS = 86_400_000
/** The list API's widest due-date window and largest page. */
export const WINDOW_DAYS = 30
export const PAGE_SIZE = 50
/** List pages asked for at once: enough to hide the round trip, few enough to spare GPD. */
export const PAGES_IN_FLIGHT = 4
export const PAID_STATES: PositionStatus[] = ['PAID', 'PARTIALLY_PAID', 'REPORTED']
/** Who the audit log names for what the sync does by itself. */
export const SYNC_OPERATOR = 'sincronizzazione'

export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

export interface SyncContext {
  sqlite: Database.Database
  client: GpdClient
  options: SyncEngineOptions
  now: () => number
  concurrency: number
  pagesInFlight: number
  retryBase: number
  horizon: { pastDays: number; futureDays: number }
  writer: ReturnType<typeof createBackendWriter>
  outbox: Outbox
  audit: AuditLog
  link: SyncLink
  readState(key: string): string | undefined
  writeState(key: string, value: string): void
  localState(iupd: string): LocalState | undefined
  /** localState of many positions at once, by IUPD (those the cache does not hold are missing). */
  localStates(iupds: string[]): Map<string, LocalState>
  setSyncState(state: 'synced' | 'pending' | 'conflict', iupd: string): void
  issuedHere(iuv: string): boolean
  summary(phase: SyncSummary['phase'], started: number, counts: Partial<SyncSummary>): SyncSummary
}

/** The cache's row of a position, as far as the sync decides on it. */
export interface LocalState {
  id: number
  sync_state: string
  status: PositionStatus
  debtor_name: string
  debtor_fiscal_code: string
}

export function createSyncContext(options: SyncEngineOptions): SyncContext {
  const { sqlite } = options
  const now = options.now ?? Date.now
  const retryBase = options.retryBaseMs ?? 1_000
  const outbox = createOutbox(sqlite)
  const read = sqlite.prepare<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?')
  const write = sqlite.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
  const local = sqlite.prepare<[string], LocalState>('SELECT id, sync_state, status, debtor_name, debtor_fiscal_code FROM positions WHERE iupd = ?')
  const locals = sqlite.prepare<[string], LocalState & { iupd: string }>(
    'SELECT p.iupd, p.id, p.sync_state, p.status, p.debtor_name, p.debtor_fiscal_code FROM json_each(?) j JOIN positions p ON p.iupd = j.value'
  )
  const setState = sqlite.prepare('UPDATE positions SET sync_state = ? WHERE iupd = ?')
  const issued = sqlite.prepare<[string], { iuv: string }>('SELECT iuv FROM issued_iuvs WHERE iuv = ?')
  return {
    sqlite,
    client: options.client,
    options,
    now,
    concurrency: options.concurrency ?? 6,
    pagesInFlight: Math.max(1, options.pagesInFlight ?? PAGES_IN_FLIGHT),
    retryBase,
    // Two years each way: GPD archives closed positions after a year, open ones stay.
    horizon: options.horizon ?? { pastDays: 730, futureDays: 730 },
    writer: createBackendWriter(sqlite, options.admits),
    outbox,
    audit: createAuditLog(sqlite),
    link: createSyncLink({ retryBaseMs: retryBase, onStateChange: options.onStateChange }),
    readState: (key) => read.get(key)?.value,
    writeState: (key, value) => void write.run(key, value),
    localState: (iupd) => local.get(iupd),
    localStates: (iupds) => new Map(locals.all(JSON.stringify(iupds)).map(({ iupd, ...state }) => [iupd, state])),
    setSyncState: (state, iupd) => void setState.run(state, iupd),
    issuedHere: (iuv) => issued.get(iuv) !== undefined,
    summary: (phase, started, counts) => ({
      phase, positions: 0, created: 0, updated: 0, deletedElsewhere: 0, pushed: 0, conflicts: 0, failed: 0, ...counts,
      pending: outbox.pendingCount(), durationMs: now() - started
    })
  }
}
