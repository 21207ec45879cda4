// The audit log: who did what, when, with the state before and after and the reason. Entries are
// only appended, each chained to the previous one by a hash, so a later edit of the table shows.
import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3'

export interface AuditEntry {
  operator: string
  action: string
  entity: 'position' | 'settings' | 'due_type' | 'operator' | 'sync' | 'pos'
  entityKey: string
  before?: unknown
  after?: unknown
  reason?: string | null
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
      const hash = createHash('sha256')
        .update(JSON.stringify([prevHash, at, entry.operator, entry.action, entry.entity, entry.entityKey, before, after, entry.reason ?? null]))
        .digest('hex')
      insert.run(at, entry.operator, entry.action, entry.entity, entry.entityKey, before, after, entry.reason ?? null, prevHash, hash)
    }
  }
}
export type AuditLog = ReturnType<typeof createAuditLog>
