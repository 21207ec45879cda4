// Local changes waiting for the backend, in the order they were made. An entry is written in the
// same transaction as the change it carries, so no change is ever lost or sent without being saved.
import type Database from 'better-sqlite3'
import { isMessage, message, type Message } from '../../contract/messages'

export type OutboxOperation = 'create' | 'update' | 'delete' | 'invalidate' | 'markPaid'

export interface OutboxEntry {
  id: number
  operation: OutboxOperation
  iupd: string
  payload: Record<string, unknown>
  attempts: number
  nextAttemptAt: string | null
  createdAt: string
}

interface Row {
  id: number
  operation: OutboxOperation
  iupd: string
  payload_json: string
  attempts: number
  next_attempt_at: string | null
  created_at: string
}

const toEntry = (r: Row): OutboxEntry => ({
  id: r.id,
  operation: r.operation,
  iupd: r.iupd,
  payload: JSON.parse(r.payload_json) as Record<string, unknown>,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  createdAt: r.created_at
})

/** Why an entry failed, kept as its Message (JSON) so the due's page says it in the operator's language. */
function storedError(said: Message): string {
  return JSON.stringify(said)
}

/** The stored reason back as a Message; text written by older releases is shown as it is. */
export function outboxError(stored: string | null): Message | null {
  if (stored === null) return null
  try {
    const parsed: unknown = JSON.parse(stored)
    if (isMessage(parsed)) return parsed
  } catch {
    // an older release's Italian sentence
  }
  return message('sync.error', { detail: stored })
}

export function createOutbox(sqlite: Database.Database) {
  const insert = sqlite.prepare('INSERT INTO outbox (operation, iupd, payload_json) VALUES (?, ?, ?)')
  // The first pending entry of each position: later ones wait for it, so a position's changes
  // reach the backend in the order they were made.
  const heads = sqlite.prepare<[], Row>(
    `SELECT o.* FROM outbox o WHERE o.state = 'pending'
       AND o.id = (SELECT min(id) FROM outbox WHERE iupd = o.iupd AND state = 'pending')
     ORDER BY o.id`
  )
  const markDone = sqlite.prepare("UPDATE outbox SET state = 'done', last_error = NULL WHERE id = ?")
  const markFinal = sqlite.prepare('UPDATE outbox SET state = ?, last_error = ? WHERE id = ?')
  const markRetry = sqlite.prepare('UPDATE outbox SET next_attempt_at = ?, last_error = ? WHERE id = ?')
  const countAttempt = sqlite.prepare('UPDATE outbox SET attempts = attempts + 1 WHERE id = ?')
  const pendingFor = sqlite.prepare<[string], { n: number }>("SELECT count(*) AS n FROM outbox WHERE iupd = ? AND state = 'pending'")
  const pendingCount = sqlite.prepare<[], { n: number }>("SELECT count(*) AS n FROM outbox WHERE state = 'pending'")
  const conflictsFor = sqlite.prepare<[string], { n: number }>("SELECT count(*) AS n FROM outbox WHERE iupd = ? AND state = 'conflict'")
  const unsentCreate = sqlite.prepare<[string], { id: number }>(
    "SELECT id FROM outbox WHERE iupd = ? AND operation = 'create' AND state = 'pending' AND attempts = 0"
  )

  return {
    enqueue(operation: OutboxOperation, iupd: string, payload: Record<string, unknown>): void {
      insert.run(operation, iupd, JSON.stringify(payload))
    },
    /** Entries ready to send now: the head of each position's queue, whose retry time has come. */
    ready(nowIso: string): OutboxEntry[] {
      return heads.all().filter((r) => !r.next_attempt_at || r.next_attempt_at <= nowIso).map(toEntry)
    },
    /** Before a request leaves: from here on the backend may have applied it. */
    countAttempt(id: number): void {
      countAttempt.run(id)
    },
    done(id: number): void {
      markDone.run(id)
    },
    retryLater(id: number, atIso: string, error: Message): void {
      markRetry.run(atIso, storedError(error), id)
    },
    /** The backend refused for good (conflict: the backend won; failed: the request was wrong). */
    close(id: number, state: 'conflict' | 'failed', error: Message): void {
      markFinal.run(state, storedError(error), id)
    },
    hasPending(iupd: string): boolean {
      return pendingFor.get(iupd)!.n > 0
    },
    hasConflicts(iupd: string): boolean {
      return conflictsFor.get(iupd)!.n > 0
    },
    pendingCount(): number {
      return pendingCount.get()!.n
    },
    /** Cancels a create that never left the desk (deleting such a due needs no backend call). */
    dropUnsentCreate(iupd: string): boolean {
      const row = unsentCreate.get(iupd)
      if (!row) return false
      sqlite.prepare("UPDATE outbox SET state = 'done', last_error = ? WHERE iupd = ? AND state = 'pending'").run(storedError(message('sync.cancelledUnsent')), iupd)
      return true
    },
    /** Closes a position's remaining entries when the backend's state makes them moot. */
    closeAllFor(iupd: string, state: 'conflict' | 'done', error: Message | null): number {
      return sqlite.prepare("UPDATE outbox SET state = ?, last_error = ? WHERE iupd = ? AND state = 'pending'").run(state, error && storedError(error), iupd).changes
    }
  }
}
export type Outbox = ReturnType<typeof createOutbox>
