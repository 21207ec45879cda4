// The citizens' personal data in the cache (GDPR): what the desk keeps, an export of one citizen's
// data, their erasure from the cache on request, and the purge of closed dues past the retention
// period. The backend (GPD) is the ente's record and is not touched: a due still to be paid stays,
// since the desk needs it to collect; closed ones go, and the sync is told not to bring them back.
import type Database from 'better-sqlite3'
import { createHmac, randomBytes } from 'node:crypto'
import { AppError } from '../../contract/errors'
import { createAuditLog, type AuditLog } from '../audit/audit-log'
import { deleteCachedPosition } from '../db/delete-position'
import { CLOSED_STATUSES, citizenExportQueries, deleteDebtor, duesOfCitizen, erasureLookup, recordErasure, removableDueIdsClosedBefore, removableDueIdsOf } from '../db/queries/citizens'
import { queryDb, type QueryDb } from '../db/queries/query-db'
import type { SettingsStore } from '../settings/settings'

// The closed statuses live with the queries that decide what may leave the cache.
export { CLOSED_STATUSES }
const CLOSED: ReadonlySet<string> = new Set(CLOSED_STATUSES)
export const DEFAULT_RETENTION_DAYS = 730
export interface RetentionSettings {
  /** Days a closed due (paid, cancelled, expired) stays in the cache after it closed. */
  closedDays: number
}

interface CitizenDataContext {
  sqlite: Database.Database
  db: QueryDb
  audit: AuditLog
  /** Whether the pseudonym key exists yet: without it nobody was ever erased. */
  hasKey(): boolean
  /** A keyed hash: the erasure list says "this code was erased" without listing codes. */
  pseudonym(fiscalCode: string): string
  retentionDays: () => number
  isErased: (fiscalCodeHash: string) => boolean
}

function createCitizenDataContext(sqlite: Database.Database, settings: SettingsStore): CitizenDataContext {
  const audit = createAuditLog(sqlite)
  // The key never changes once made: read once, made on the first export or erasure.
  let key = settings.get<string>('privacy.key') ?? null
  return {
    sqlite,
    db: queryDb(sqlite),
    audit,
    hasKey: () => key !== null,
    pseudonym(fiscalCode) {
      if (!key) {
        key = randomBytes(32).toString('hex')
        settings.set('privacy.key', key)
      }
      return createHmac('sha256', key).update(fiscalCode.trim().toUpperCase()).digest('hex')
    },
    retentionDays: () => settings.get<RetentionSettings>('retention')?.closedDays ?? DEFAULT_RETENTION_DAYS,
    isErased: erasureLookup(sqlite)
  }
}

function keepsPosition(c: CitizenDataContext, position: { status: string; debtorFiscalCode: string | null; closedAt: string | null }, now: Date): boolean {
  if (!CLOSED.has(position.status)) return true
  // No key yet means nobody was ever erased: no hash to compute for each closed due synced.
  if (c.hasKey() && position.debtorFiscalCode && c.isErased(c.pseudonym(position.debtorFiscalCode))) return false
  if (!position.closedAt) return true
  return now.getTime() - Date.parse(position.closedAt) < c.retentionDays() * 86_400_000
}

function exportCitizen(c: CitizenDataContext, fiscalCode: string, operator: string): Record<string, unknown> {
  const code = fiscalCode.trim().toUpperCase()
  const q = citizenExportQueries(c.sqlite)
  const registry = q.registry.get(code) ?? null
  const positions = q.positions.all(code)
  if (!registry && positions.length === 0) throw new AppError('NOT_FOUND', 'settings.privacy.noData', { code })
  const result = {
    fiscalCode: code,
    exportedAt: new Date().toISOString(),
    source: 'Cache locale di Sportello Dovuti: il registro dell’ente è la Gestione Posizioni Debitorie di pagoPA.',
    registry,
    dues: positions.map((p) => ({
      ...p,
      paymentOptions: q.options.all(p.id).map((o) => ({ ...o, transfers: q.transfers.all(o.id), deskPayments: q.deskPayments.all(o.id) })),
      posPayments: q.posPayments.all(p.iupd),
      history: q.history.all(p.iupd)
    }))
  }
  c.audit.append({ operator, action: 'privacyExport', entity: 'settings', entityKey: c.pseudonym(code), reason: `Esportazione dei dati di un cittadino: ${positions.length} dovuti` })
  return result
}

function eraseCitizen(c: CitizenDataContext, fiscalCode: string, operator: string): { removedDues: number; keptDues: string[]; registryRemoved: boolean } {
  const { sqlite, db } = c
  const code = fiscalCode.trim().toUpperCase()
  return sqlite.transaction(() => {
    const all = duesOfCitizen(db, code)
    const closed = removableDueIdsOf(db, code)
    const registryRemoved = deleteDebtor(db, code)
    if (all.length === 0 && !registryRemoved) throw new AppError('NOT_FOUND', 'settings.privacy.noData', { code })
    for (const id of closed) deleteCachedPosition(sqlite, id)
    recordErasure(db, c.pseudonym(code))
    const keptDues = all.filter((p) => !closed.includes(p.id)).map((p) => p.iupd)
    c.audit.append({
      operator,
      action: 'privacyErase',
      entity: 'settings',
      entityKey: c.pseudonym(code),
      reason: `Cancellazione dei dati di un cittadino dalla cache: ${closed.length} dovuti chiusi rimossi, ${keptDues.length} ancora aperti mantenuti${registryRemoved ? ', anagrafica rimossa' : ''}`
    })
    return { removedDues: closed.length, keptDues, registryRemoved }
  })()
}

function purgeClosedDues(c: CitizenDataContext, now: Date, ids?: { from: number; to: number }): number {
  const { sqlite, db } = c
  const cutoff = new Date(now.getTime() - c.retentionDays() * 86_400_000).toISOString()
  return sqlite.transaction(() => {
    const old = removableDueIdsClosedBefore(db, cutoff, ids)
    for (const id of old) deleteCachedPosition(sqlite, id)
    if (old.length) c.audit.append({ operator: 'sistema', action: 'purge', entity: 'settings', entityKey: 'retention', reason: `${old.length} dovuti chiusi da oltre ${c.retentionDays()} giorni rimossi dalla cache` })
    return old.length
  })()
}

export function createCitizenData(sqlite: Database.Database, settings: SettingsStore) {
  const c = createCitizenDataContext(sqlite, settings)
  return {
    retentionDays: c.retentionDays,

    /** Whether the sync may keep a position it receives (see sync/mapper). */
    keeps(position: { status: string; debtorFiscalCode: string | null; closedAt: string | null }, now = new Date()): boolean {
      return keepsPosition(c, position, now)
    },

    /** Everything the cache holds about one citizen, as JSON (art. 15 GDPR). */
    export(fiscalCode: string, operator: string): Record<string, unknown> {
      return exportCitizen(c, fiscalCode, operator)
    },

    /**
     * Erasure from the cache (art. 17 GDPR, as far as the desk is concerned): the registry entry and
     * the closed dues go; dues still to be paid, or with changes not yet sent, stay and are named.
     */
    erase(fiscalCode: string, operator: string): { removedDues: number; keptDues: string[]; registryRemoved: boolean } {
      return eraseCitizen(c, fiscalCode, operator)
    },

    /**
     * Closed dues past the retention period leave the cache; their audit entries stay. With `ids`,
     * only the dues with from <= id < to, in one short transaction (see desk-runtime's purge).
     */
    purgeClosed(now = new Date(), ids?: { from: number; to: number }): number {
      return purgeClosedDues(c, now, ids)
    }
  }
}
export type CitizenData = ReturnType<typeof createCitizenData>
