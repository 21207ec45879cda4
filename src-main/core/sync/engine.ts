// Keeps the desk's cache in step with GPD, and GPD in step with the desk.
//
// Pull: a full sync walks the due-date windows (at most 30 days each) and pages (at most 50) the
// list API imposes; incremental syncs follow payments by payment date-time from a cursor (with an
// overlap), and rescan the windows around today for positions created or changed elsewhere.
// New positions need one v3 read each: only v3 carries the debtor.
// Push: the outbox, in order per position, with retries and backoff. Creates are idempotent: a
// create retried after a lost answer meets 409, and the position found on GPD is recognised as
// ours by its IUVs. The backend wins on payments: a local change to a due paid meanwhile is
// refused, recorded in the audit log, and the cache takes the backend's state.
import type Database from 'better-sqlite3'
import type { PositionStatus } from '../../contract/dues'
import { createAuditLog } from '../audit/audit-log'
import type { GpdClient } from '../gpd/client'
import { GpdError } from '../gpd/errors'
import type { PaymentPositionBaseResponse } from '../gpd/types'
import { gpdNow } from '../gpd/time'
import { deleteCachedPosition } from '../db/delete-position'
import { createBackendWriter, positionModelFromCache, type CacheAdmission } from './mapper'
import { createOutbox, type OutboxEntry } from '../db/outbox'
import { inDeskRange } from '../settings/desk'
import { sameCreatedContent } from './same-content'

export type SyncPhase = 'full' | 'payments' | 'rescan' | 'push'

export interface SyncProgress {
  phase: SyncPhase
  done: number
  total: number
  positions: number
  message: string
}

export interface SyncSummary {
  phase: SyncPhase | 'sync'
  positions: number
  created: number
  updated: number
  deletedElsewhere: number
  pushed: number
  conflicts: number
  failed: number
  pending: number
  durationMs: number
}

export interface SyncEngineOptions {
  sqlite: Database.Database
  client: GpdClient
  /** Days before and after today covered by a full sync. */
  horizon?: { pastDays: number; futureDays: number }
  concurrency?: number
  /** First retry delay of the outbox; doubles up to a minute. */
  retryBaseMs?: number
  now?: () => number
  onProgress?: (progress: SyncProgress) => void
  onStateChange?: (state: { online: boolean; lastError: string | null }) => void
  /** Which positions the cache keeps (privacy: erased citizens, retention of closed dues). */
  admits?: CacheAdmission
  /** The IUV range of this desk's number, when it has one (see settings/desk.ts). */
  deskRange?: () => { segregationCode: string; deskNumber: number } | null
  /** A position on GPD carries an IUV of this desk's range that this cache never issued. */
  onForeignIuv?: (found: { iuv: string; iupd: string }) => void
}

const DAY_MS = 86_400_000
const WINDOW_DAYS = 30
const PAYMENT_OVERLAP_MS = 3 * DAY_MS
const PAID_STATES: PositionStatus[] = ['PAID', 'PARTIALLY_PAID', 'REPORTED']
const SYNC_OPERATOR = 'sincronizzazione'

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!
      await work(item)
    }
  })
  await Promise.all(runners)
}

export function createSyncEngine(options: SyncEngineOptions) {
  const { sqlite, client } = options
  const now = options.now ?? Date.now
  const concurrency = options.concurrency ?? 6
  const retryBase = options.retryBaseMs ?? 1_000
  // Two years each way: GPD archives closed positions after a year, open ones stay.
  const horizon = options.horizon ?? { pastDays: 730, futureDays: 730 }
  const writer = createBackendWriter(sqlite, options.admits)
  const outbox = createOutbox(sqlite)
  const audit = createAuditLog(sqlite)
  const readState = sqlite.prepare<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?')
  const writeState = sqlite.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
  const localState = sqlite.prepare<[string], { id: number; sync_state: string; status: PositionStatus; debtor_name: string }>('SELECT id, sync_state, status, debtor_name FROM positions WHERE iupd = ?')
  const setSyncState = sqlite.prepare('UPDATE positions SET sync_state = ? WHERE iupd = ?')
  const issuedHere = sqlite.prepare<[string], { iuv: string }>('SELECT iuv FROM issued_iuvs WHERE iuv = ?')
  let online = true
  let lastError: string | null = null

  function reachable(ok: boolean, error?: unknown) {
    const nowOnline = ok || !(error instanceof GpdError && (error.kind === 'network' || error.kind === 'timeout'))
    const message = ok ? null : error instanceof Error ? error.message : String(error)
    if (nowOnline !== online || message !== lastError) {
      online = nowOnline
      lastError = message
      options.onStateChange?.({ online, lastError })
    }
  }

  /** Retries reads that fail for passing reasons (the list walk must not stop at one 503). */
  async function withRetry<T>(work: () => Promise<T>, attempts = 6): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await work()
        reachable(true)
        return result
      } catch (error) {
        reachable(false, error)
        if (!(error instanceof GpdError) || !error.retryable || attempt >= attempts) throw error
        const wait = error.details.retryAfterMs ?? Math.min(30_000, retryBase * 2 ** (attempt - 1))
        await new Promise((r) => setTimeout(r, wait))
      }
    }
  }

  /**
   * Another desk of the ente with this desk's number: one of its positions carries an IUV of our
   * range that this cache never issued. Said once per page at most; the caller blocks creation.
   */
  function foreignIuvIn(positions: PaymentPositionBaseResponse[]): { iuv: string; iupd: string } | null {
    const range = options.deskRange?.()
    if (!range) return null
    for (const p of positions) {
      for (const o of p.paymentOption ?? []) {
        if (o.iuv && inDeskRange(o.iuv, range.segregationCode, range.deskNumber) && !issuedHere.get(o.iuv)) return { iuv: o.iuv, iupd: p.iupd! }
      }
    }
    return null
  }

  /** Writes a page of backend positions, fetching the debtor of the new ones; backend wins on payments. */
  async function absorb(positions: PaymentPositionBaseResponse[], counts: { created: number; updated: number }): Promise<void> {
    const foreign = foreignIuvIn(positions)
    if (foreign) options.onForeignIuv?.(foreign)
    const unknown = positions.filter((p) => !writer.isKnown(p.iupd!))
    const debtors = new Map<string, Awaited<ReturnType<GpdClient['getPositionV3']>>>()
    await inParallel(unknown, concurrency, async (p) => {
      try {
        debtors.set(p.iupd!, await withRetry(() => client.getPositionV3(p.iupd!)))
      } catch (error) {
        // Deleted between the list and the read: nothing to store.
        if (!(error instanceof GpdError && error.status === 404)) throw error
      }
    })
    sqlite.transaction(() => {
      for (const base of positions) {
        const iupd = base.iupd!
        const local = localState.get(iupd)
        // Deleted here, the delete not sent yet: the listing must not bring it back meanwhile.
        if (!local && outbox.hasPending(iupd)) continue
        if (local && local.sync_state !== 'synced') {
          const paidOnBackend = PAID_STATES.includes(base.status as PositionStatus)
          if (!paidOnBackend || PAID_STATES.includes(local.status)) continue // our pending change goes first
          // Paid elsewhere while the desk changed it: the payment stands, the local change does not.
          const closed = outbox.closeAllFor(iupd, 'conflict', `Modifica non applicata: sul backend il dovuto risulta ${base.status === 'PARTIALLY_PAID' ? 'pagato in parte' : 'pagato'}.`)
          audit.append({ operator: SYNC_OPERATOR, action: 'conflict', entity: 'position', entityKey: iupd, before: { status: local.status }, after: { status: base.status }, reason: `Pagamento avvenuto nel frattempo: ${closed} modifiche locali non applicate` })
        }
        const v3 = debtors.get(iupd)
        const debtor = v3?.paymentOption?.[0]?.debtor
        if (writer.write({ base, ...(debtor ? { debtor } : {}) })) {
          if (local) counts.updated += 1
          else counts.created += 1
          if (local && local.sync_state === 'conflict') setSyncState.run('conflict', iupd)
        }
      }
    })()
  }

  async function walk(
    phase: SyncPhase,
    windows: { from: string; to: string; kind: 'due' | 'paymentTime' }[],
    counts: { created: number; updated: number },
    seen: Set<string>
  ): Promise<void> {
    for (const [index, w] of windows.entries()) {
      for (let page = 0; ; page++) {
        const result = await withRetry(() =>
          client.listPositions({
            page,
            limit: 50,
            orderby: 'IUPD',
            ordering: 'ASC',
            ...(w.kind === 'due' ? { dueDateFrom: w.from, dueDateTo: w.to } : { paymentDateTimeFrom: w.from, paymentDateTimeTo: w.to })
          })
        )
        const list = result.payment_position_list
        for (const p of list) seen.add(p.iupd!)
        await absorb(list, counts)
        if (page + 1 >= result.page_info.total_pages || list.length === 0) break
      }
      options.onProgress?.({ phase, done: index + 1, total: windows.length, positions: seen.size, message: `Finestra ${w.from.slice(0, 10)} – ${w.to.slice(0, 10)}` })
    }
  }

  function dueWindows(fromMs: number, toMs: number) {
    const windows: { from: string; to: string; kind: 'due' }[] = []
    for (let start = fromMs; start <= toMs; start += WINDOW_DAYS * DAY_MS) {
      windows.push({ from: isoDay(start), to: isoDay(Math.min(toMs, start + (WINDOW_DAYS - 1) * DAY_MS)), kind: 'due' })
    }
    return windows
  }

  const summary = (phase: SyncSummary['phase'], started: number, counts: Partial<SyncSummary>): SyncSummary => ({
    phase, positions: 0, created: 0, updated: 0, deletedElsewhere: 0, pushed: 0, conflicts: 0, failed: 0, ...counts,
    pending: outbox.pendingCount(), durationMs: now() - started
  })

  async function fullSync(): Promise<SyncSummary> {
    const started = now()
    const today = Date.UTC(new Date(started).getUTCFullYear(), new Date(started).getUTCMonth(), new Date(started).getUTCDate())
    const fromMs = today - horizon.pastDays * DAY_MS
    const toMs = today + horizon.futureDays * DAY_MS
    const counts = { created: 0, updated: 0 }
    const seen = new Set<string>()
    await walk('full', dueWindows(fromMs, toMs), counts, seen)

    // Positions the cache has in the horizon that the backend no longer lists: confirm, then drop.
    const candidates = (
      sqlite
        .prepare("SELECT iupd FROM positions WHERE sync_state = 'synced' AND origin != 'demo' AND due_date BETWEEN ? AND ?")
        .pluck()
        .all(isoDay(fromMs), isoDay(toMs)) as string[]
    ).filter((iupd) => !seen.has(iupd))
    let deletedElsewhere = 0
    for (const iupd of candidates.slice(0, 500)) {
      try {
        await withRetry(() => client.getPosition(iupd))
      } catch (error) {
        if (error instanceof GpdError && error.status === 404) {
          dropDeletedElsewhere(iupd)
          deletedElsewhere += 1
        } else throw error
      }
    }
    const nowLocal = gpdNow(started)
    writeState.run('sync.lastFullAt', new Date(started).toISOString())
    writeState.run('lastSyncAt', new Date(started).toISOString())
    if (!readState.get('sync.paymentCursor')) writeState.run('sync.paymentCursor', nowLocal)
    return summary('full', started, { positions: seen.size, ...counts, deletedElsewhere })
  }

  async function pullPayments(): Promise<SyncSummary> {
    const started = now()
    const cursor = readState.get('sync.paymentCursor')?.value
    const fromMs = cursor ? Date.parse(`${cursor}Z`) - PAYMENT_OVERLAP_MS : started - WINDOW_DAYS * DAY_MS
    const windows: { from: string; to: string; kind: 'paymentTime' }[] = []
    for (let start = fromMs; start < started; start += (WINDOW_DAYS - 1) * DAY_MS) {
      windows.push({ from: gpdNow(start).slice(0, 19), to: gpdNow(Math.min(started + 60_000, start + (WINDOW_DAYS - 1) * DAY_MS)).slice(0, 19), kind: 'paymentTime' })
    }
    const counts = { created: 0, updated: 0 }
    const seen = new Set<string>()
    await walk('payments', windows, counts, seen)
    writeState.run('sync.paymentCursor', gpdNow(started).slice(0, 19))
    writeState.run('lastSyncAt', new Date(started).toISOString())
    return summary('payments', started, { positions: seen.size, ...counts })
  }

  /** The windows around today: where dues created or changed by other desks show up. */
  async function rescan(pastDays = 60, futureDays = 180): Promise<SyncSummary> {
    const started = now()
    const today = Date.UTC(new Date(started).getUTCFullYear(), new Date(started).getUTCMonth(), new Date(started).getUTCDate())
    const counts = { created: 0, updated: 0 }
    const seen = new Set<string>()
    await walk('rescan', dueWindows(today - pastDays * DAY_MS, today + futureDays * DAY_MS), counts, seen)
    writeState.run('lastSyncAt', new Date(started).toISOString())
    return summary('rescan', started, { positions: seen.size, ...counts })
  }

  /** The backend no longer has it: the backend is the ente's record, so the cache lets it go. */
  function dropDeletedElsewhere(iupd: string): void {
    sqlite.transaction(() => {
      outbox.closeAllFor(iupd, 'conflict', 'Il dovuto non esiste più sul backend pagoPA.')
      audit.append({ operator: SYNC_OPERATOR, action: 'deletedElsewhere', entity: 'position', entityKey: iupd, reason: 'Non più presente sul backend pagoPA' })
      const local = localState.get(iupd)
      if (local) deleteCachedPosition(sqlite, local.id)
    })()
  }

  /** Reads the backend's position and puts it in the cache (the backend won a conflict). */
  async function adoptBackend(iupd: string): Promise<PaymentPositionBaseResponse | null> {
    try {
      const base = await withRetry(() => client.getPosition(iupd))
      const known = writer.isKnown(iupd)
      const debtor = known ? undefined : (await withRetry(() => client.getPositionV3(iupd))).paymentOption?.[0]?.debtor
      sqlite.transaction(() => writer.write({ base, ...(debtor ? { debtor } : {}) }))()
      return base
    } catch (error) {
      if (error instanceof GpdError && error.status === 404) return null
      throw error
    }
  }

  function conflict(entry: OutboxEntry, message: string, backendStatus?: string): void {
    sqlite.transaction(() => {
      outbox.close(entry.id, 'conflict', message)
      outbox.closeAllFor(entry.iupd, 'conflict', 'Non inviata: una modifica precedente dello stesso dovuto è stata rifiutata.')
      setSyncState.run('conflict', entry.iupd)
      audit.append({ operator: SYNC_OPERATOR, action: 'conflict', entity: 'position', entityKey: entry.iupd, after: backendStatus ? { status: backendStatus } : undefined, reason: `${entry.operation}: ${message}` })
    })()
  }

  function settled(entry: OutboxEntry): void {
    sqlite.transaction(() => {
      outbox.done(entry.id)
      if (!outbox.hasPending(entry.iupd) && !outbox.hasConflicts(entry.iupd)) setSyncState.run('synced', entry.iupd)
    })()
  }

  async function send(entry: OutboxEntry): Promise<'done' | 'retry' | 'conflict' | 'failed'> {
    outbox.countAttempt(entry.id)
    try {
      switch (entry.operation) {
        case 'create': {
          if (!writer.isKnown(entry.iupd)) {
            settled(entry)
            return 'done'
          }
          const model = positionModelFromCache(sqlite, entry.iupd)
          try {
            await client.createPosition(model, true)
          } catch (error) {
            if (!(error instanceof GpdError && error.status === 409)) throw error
            // Already there: ours (an earlier attempt whose answer was lost) only if identifier,
            // IUVs and content all match. Another desk with our number may have issued the same
            // IUV and IUPD in the same second: its position is never taken for ours.
            const remote = await remoteV3OrNull(entry.iupd)
            const ours = remote && sameCreatedContent(remote, model)
            if (!ours) {
              const ourIuv = model.paymentOption?.[0]?.iuv
              if (ourIuv) options.onForeignIuv?.({ iuv: ourIuv, iupd: remote?.iupd ?? entry.iupd })
              conflict(entry, remote ? `Identificativo ${entry.iupd} già usato sul backend da un altro dovuto: il dovuto non è stato inviato.` : 'IUV o numero avviso già presenti sul backend per un altro dovuto: il dovuto non è stato inviato.')
              return 'conflict'
            }
          }
          await adoptBackend(entry.iupd)
          settled(entry)
          return 'done'
        }
        case 'update': {
          if (!writer.isKnown(entry.iupd)) {
            settled(entry)
            return 'done'
          }
          try {
            await client.updatePosition(entry.iupd, positionModelFromCache(sqlite, entry.iupd), true)
          } catch (error) {
            if (error instanceof GpdError && (error.status === 409 || error.status === 404)) {
              const remote = await adoptBackend(entry.iupd)
              conflict(entry, remote ? `Modifica non applicata: sul backend il dovuto risulta ${statusText(remote.status)}.` : 'Modifica non applicata: il dovuto non esiste più sul backend.', remote?.status)
              if (!remote) dropDeletedElsewhere(entry.iupd)
              return 'conflict'
            }
            throw error
          }
          await adoptBackend(entry.iupd)
          settled(entry)
          return 'done'
        }
        case 'delete': {
          try {
            await client.deletePosition(entry.iupd)
          } catch (error) {
            if (error instanceof GpdError && error.status === 404) {
              settled(entry)
              return 'done'
            }
            if (error instanceof GpdError && error.status === 409) {
              const remote = await adoptBackend(entry.iupd)
              conflict(entry, `Eliminazione non applicata: sul backend il dovuto risulta ${statusText(remote?.status)}. Il dovuto è stato ripristinato.`, remote?.status)
              return 'conflict'
            }
            throw error
          }
          settled(entry)
          return 'done'
        }
        case 'invalidate': {
          try {
            await client.invalidatePosition(entry.iupd)
          } catch (error) {
            if (!(error instanceof GpdError && (error.status === 409 || error.status === 404))) throw error
            const remote = await adoptBackend(entry.iupd)
            if (remote?.status !== 'INVALID') {
              conflict(entry, remote ? `Annullamento non applicato: sul backend il dovuto risulta ${statusText(remote.status)}.` : 'Annullamento non applicato: il dovuto non esiste più sul backend.', remote?.status)
              if (!remote) dropDeletedElsewhere(entry.iupd)
              return 'conflict'
            }
          }
          await adoptBackend(entry.iupd)
          settled(entry)
          return 'done'
        }
        case 'markPaid': {
          const nav = String(entry.payload.nav)
          try {
            await client.markAsPaid(nav, String(entry.payload.paymentDate))
          } catch (error) {
            if (!(error instanceof GpdError && error.status === 409)) throw error
            const remote = await adoptBackend(entry.iupd)
            const option = remote?.paymentOption?.find((o) => o.nav === nav)
            // Our own earlier attempt leaves GPD's placeholders ("NA"); anything else is a PSP.
            if (option?.status !== 'PO_PAID' || option.idReceipt !== 'NA') {
              conflict(entry, option?.status === 'PO_PAID' ? 'Il dovuto risulta già pagato tramite pagoPA: verificare un possibile doppio pagamento.' : `Pagamento non registrato sul backend: il dovuto risulta ${statusText(remote?.status)}.`, remote?.status)
              return 'conflict'
            }
          }
          await adoptBackend(entry.iupd)
          settled(entry)
          return 'done'
        }
      }
    } catch (error) {
      reachable(false, error)
      if (error instanceof GpdError && !error.retryable && error.kind !== 'invalid-response') {
        outbox.close(entry.id, 'failed', error.message)
        setSyncState.run('conflict', entry.iupd)
        return 'failed'
      }
      const delay = error instanceof GpdError && error.details.retryAfterMs !== undefined
        ? error.details.retryAfterMs
        : Math.min(60_000, retryBase * 2 ** Math.min(entry.attempts, 10)) * (0.8 + Math.random() * 0.4)
      outbox.retryLater(entry.id, new Date(now() + delay).toISOString(), error instanceof Error ? error.message : String(error))
      return 'retry'
    }
  }

  /** The v3 read: the only view of a position that carries its debtor. */
  async function remoteV3OrNull(iupd: string) {
    try {
      return await withRetry(() => client.getPositionV3(iupd))
    } catch (error) {
      if (error instanceof GpdError && error.status === 404) return null
      throw error
    }
  }

  function statusText(status: string | undefined): string {
    const labels: Record<string, string> = { PAID: 'già pagato', PARTIALLY_PAID: 'pagato in parte', REPORTED: 'già pagato e rendicontato', INVALID: 'annullato', EXPIRED: 'scaduto', DRAFT: 'in bozza', PUBLISHED: 'pubblicato', VALID: 'da pagare' }
    return status ? (labels[status] ?? status) : 'non più presente'
  }

  // One push at a time: two would send the same entry twice. A request during a push joins it
  // (the running push re-reads the outbox until nothing is ready, so it sends new entries too).
  let pushing: Promise<SyncSummary> | null = null
  function pushOutbox(deadlineMs = 0): Promise<SyncSummary> {
    if (!pushing) pushing = pushOnce(deadlineMs).finally(() => (pushing = null))
    return pushing
  }

  /** Sends what is ready now; with a deadline, waits for retries until the outbox is empty or time is up. */
  async function pushOnce(deadlineMs: number): Promise<SyncSummary> {
    const started = now()
    const counts = { pushed: 0, conflicts: 0, failed: 0 }
    for (;;) {
      const ready = outbox.ready(new Date(now()).toISOString())
      if (ready.length === 0) {
        if (outbox.pendingCount() === 0 || now() - started >= deadlineMs) break
        await new Promise((r) => setTimeout(r, Math.max(10, Math.min(retryBase, 250))))
        continue
      }
      await inParallel(ready, concurrency, async (entry) => {
        const outcome = await send(entry)
        if (outcome === 'done') counts.pushed += 1
        if (outcome === 'conflict') counts.conflicts += 1
        if (outcome === 'failed') counts.failed += 1
        if (outcome === 'done') reachable(true)
      })
      options.onProgress?.({ phase: 'push', done: counts.pushed, total: counts.pushed + outbox.pendingCount(), positions: counts.pushed, message: 'Invio delle modifiche' })
    }
    return summary('push', started, counts)
  }

  return {
    fullSync,
    pullPayments,
    rescan,
    pushOutbox,
    /** "Sincronizza ora": send what waits, then fetch payments and what other desks changed. */
    async syncNow(): Promise<SyncSummary> {
      const started = now()
      const pushed = await pushOutbox()
      const payments = await pullPayments()
      const rescanned = await rescan()
      return summary('sync', started, {
        pushed: pushed.pushed,
        conflicts: pushed.conflicts,
        failed: pushed.failed,
        positions: payments.positions + rescanned.positions,
        created: payments.created + rescanned.created,
        updated: payments.updated + rescanned.updated
      })
    },
    get state() {
      return { online, lastError, pending: outbox.pendingCount() }
    }
  }
}
export type SyncEngine = ReturnType<typeof createSyncEngine>
