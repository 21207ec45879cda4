// The audit log: who did what, when, with the state before and after and the reason. Entries are
// only appended, each chained to the previous one by a hash, so a later edit of the table shows.
import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3'

export interface AuditEntry {
  operator: string
  action: string
  entity: 'position' | 'settings' | 'due_type' | 'operator' | 'sync' | 'pos' | 'till'
  entityKey: string
  before?: unknown
  after?: unknown
  reason?: string | null
}

interface StoredEntry {
  prevHash: string
  at: string
  operator: string
  action: string
  entity: string
  entityKey: string
  before: string | null
  after: string | null
  reason: string | null
}
/** What chains an entry to the one before: every stored field and the previous hash. */
export function entryHash(e: StoredEntry): string {
  return createHash('sha256').update(JSON.stringify([e.prevHash, e.at, e.operator, e.action, e.entity, e.entityKey, e.before, e.after, e.reason])).digest('hex')
}

export interface AuditVerification {
  ok: boolean
  entries: number
  /** The last entry's hash: written down elsewhere, it also reveals entries cut from the end. */
  headHash: string | null
  problem: { id: number; at: string; message: string } | null
}

/** Walks the chain from the first entry: the first entry whose hash or link does not match is reported. */
export function verifyAuditChain(sqlite: Database.Database): AuditVerification {
  const rows = sqlite.prepare('SELECT id, at, operator, action, entity, entity_key, before_json, after_json, reason, prev_hash, hash FROM audit_log ORDER BY id').iterate() as IterableIterator<{
    id: number; at: string; operator: string; action: string; entity: string; entity_key: string; before_json: string | null; after_json: string | null; reason: string | null; prev_hash: string | null; hash: string | null
  }>
  let previous = ''
  let entries = 0
  for (const r of rows) {
    entries++
    const problem = (message: string): AuditVerification => ({ ok: false, entries, headHash: null, problem: { id: r.id, at: r.at, message } })
    if ((r.prev_hash ?? '') !== previous) return problem(`la voce ${r.id} non segue la precedente: una voce è stata tolta o inserita prima di questa`)
    const expected = entryHash({ prevHash: previous, at: r.at, operator: r.operator, action: r.action, entity: r.entity, entityKey: r.entity_key, before: r.before_json, after: r.after_json, reason: r.reason })
    if (r.hash !== expected) return problem(`la voce ${r.id} è stata modificata dopo la scrittura`)
    previous = r.hash
  }
  return { ok: true, entries, headHash: previous || null, problem: null }
}

export function createAuditLog(sqlite: Database.Database) {
  const last = sqlite.prepare<[], { hash: string | null }>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1')
  const insert = sqlite.prepare(
    `INSERT INTO audit_log (at, operator, action, entity, entity_key, before_json, after_json, reason, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
  return {
    /** Appends an entry; call it inside the transaction of the change it records. */
    append(entry: AuditEntry): void {
      const at = new Date().toISOString()
      const before = entry.before === undefined ? null : JSON.stringify(entry.before)
      const after = entry.after === undefined ? null : JSON.stringify(entry.after)
      const prevHash = last.get()?.hash ?? ''
      const hash = entryHash({ prevHash, at, operator: entry.operator, action: entry.action, entity: entry.entity, entityKey: entry.entityKey, before, after, reason: entry.reason ?? null })
      insert.run(at, entry.operator, entry.action, entry.entity, entry.entityKey, before, after, entry.reason ?? null, prevHash, hash)
    }
  }
}
export type AuditLog = ReturnType<typeof createAuditLog>
