// Pull: the backend's positions into the cache. A full sync walks the due-date windows (at most 30
// days each) and pages (at most 50) the list API imposes; incremental syncs follow payments by
// payment date-time from a cursor (with an overlap), and rescan the windows around today for
// positions created or changed elsewhere. The windows are read through GPD's v3 list, whose
// options carry their debtor: a position new to the cache needs no read of its own. A few pages
// are in flight at once (over kept-alive connections); SQLite takes each page in one transaction.
// The backend wins on payments.
import type { PositionStatus } from '../../contract/dues'
import { message } from '../../contract/messages'
import { deleteCachedPosition } from '../db/delete-position'
import { GpdError } from '../gpd/errors'
import { gpdNow } from '../gpd/time'
import type { PaymentPositionBaseResponse } from '../gpd/types'
import { inDeskRange } from '../settings/desk'
import { DAY_MS, isoDay, PAGE_SIZE, PAID_STATES, SYNC_OPERATOR, WINDOW_DAYS, type LocalState, type SyncContext } from './context'
import type { SyncPhase, SyncSummary } from './types'
import { fromV3, type BackendPosition } from './mapper'
import { inParallel } from './link'

const PAYMENT_OVERLAP_MS = 3 * DAY_MS
/** Positions written in one transaction: about a tenth of a second of SQLite, between two turns of the event loop. */
const BATCH_POSITIONS = 500
type Counts = { created: number; updated: number }
type Window = { from: string; to: string; kind: 'due' | 'paymentTime' }

/**
 * Another desk of the ente with this desk's number: one of its positions carries an IUV of our
 * range that this cache never issued. Said once per page at most; the desk blocks creation.
 */
function foreignIuvIn(ctx: SyncContext, positions: BackendPosition[]): { iuv: string; iupd: string } | null {
  const range = ctx.options.deskRange?.()
  if (!range) return null
  for (const { base: p } of positions) {
    for (const o of p.paymentOption ?? []) {
      if (o.iuv && inDeskRange(o.iuv, range.segregationCode, range.deskNumber) && !ctx.issuedHere(o.iuv)) return { iuv: o.iuv, iupd: p.iupd! }
    }
  }
  return null
}

/**
 * Whether a listed position may overwrite the cache's copy now; a payment elsewhere beats a local
 * change. nothingPending: the outbox holds no pending entry at all (then none for this position).
 */
function mayOverwrite(ctx: SyncContext, base: PaymentPositionBaseResponse, local: LocalState | undefined, nothingPending: boolean): boolean {
  const iupd = base.iupd!
  const hasPending = () => !nothingPending && ctx.outbox.hasPending(iupd)
  // Deleted here, the delete not sent yet: the listing must not bring it back meanwhile.
  if (!local) return !hasPending()
  if (local.sync_state === 'synced') return true
  // A conflict the backend settled, with nothing of ours waiting: the backend's copy is the record
  // (the conflict mark stays for the operator). Without this, a position paid further elsewhere
  // after a refused change would keep its old state in the cache for good.
  if (local.sync_state === 'conflict' && !hasPending()) return true
  const paidOnBackend = PAID_STATES.includes(base.status as PositionStatus)
  if (!paidOnBackend || PAID_STATES.includes(local.status)) return false // our pending change goes first
  // Paid elsewhere while the desk changed it: the payment stands, the local change does not.
  const status = message(base.status === 'PARTIALLY_PAID' ? 'sync.backendStatus.partiallyPaid' : 'sync.backendStatus.paidMeanwhile')
  const closed = ctx.outbox.closeAllFor(iupd, 'conflict', message('sync.conflict.editRefused', { status }))
  ctx.audit.append({ operator: SYNC_OPERATOR, action: 'conflict', entity: 'position', entityKey: iupd, before: { status: local.status }, after: { status: base.status }, reason: `Pagamento avvenuto nel frattempo: ${closed} modifiche locali non applicate` })
  return true
}

/**
 * Writes positions read from the backend (with their debtors, from the v3 list) in one
 * transaction: every commit rewrites the index pages it touched and leaves the full-text index a
 * new segment to merge, so a commit per page of 50 cost more than the rows themselves. The cache's
 * rows are read in one query; a position listed twice in the batch is read again the second time.
 */
function absorb(ctx: SyncContext, positions: BackendPosition[], counts: Counts): void {
  if (positions.length === 0) return
  ctx.writer.batch(() => {
    const locals = ctx.localStates(positions.map((p) => p.base.iupd!))
    // Nothing below adds to the outbox: what is not pending now will not be during the batch.
    const nothingPending = ctx.outbox.pendingCount() === 0
    const writtenHere = new Set<string>()
    for (const position of positions) {
      const iupd = position.base.iupd!
      if (writtenHere.has(iupd)) ctx.writer.settle()
      const local = writtenHere.has(iupd) ? ctx.localState(iupd) : locals.get(iupd)
      writtenHere.add(iupd)
      if (!mayOverwrite(ctx, position.base, local, nothingPending)) continue
      if (!ctx.writer.write(position, local ?? null)) continue
      if (local) counts.updated += 1
      else counts.created += 1
      if (local && local.sync_state === 'conflict') ctx.setSyncState('conflict', iupd)
    }
  })
}

/**
 * The positions read but not written yet. Written when BATCH_POSITIONS have gathered, and before a
 * window is reported done (so progress counts only what the cache holds) or the walk ends.
 */
function batchWriter(ctx: SyncContext, counts: Counts) {
  let waiting: BackendPosition[] = []
  const flush = () => {
    const batch = waiting
    waiting = []
    absorb(ctx, batch, counts)
  }
  return {
    add(page: BackendPosition[]): void {
      for (const p of page) waiting.push(p)
      if (waiting.length >= BATCH_POSITIONS) flush()
    },
    flush
  }
}

/**
 * At most `limit` calls of work at once, whoever makes them; a freed place goes to the waiting call
 * of lowest rank (then the first come). The walk ranks a page by its window, so the places in
 * flight go to the pages of one window together: a backend that orders a window once and serves
 * its pages from that (the simulator does) answers them without ordering it again for each page.
 */
function gate(limit: number) {
  let running = 0
  const waiting: { rank: number; go: () => void }[] = []
  return async <T>(rank: number, work: () => Promise<T>): Promise<T> => {
    if (running >= limit) {
      await new Promise<void>((go) => {
        const at = waiting.findIndex((w) => w.rank > rank)
        waiting.splice(at === -1 ? waiting.length : at, 0, { rank, go })
      })
    } else running += 1
    try {
      return await work()
    } finally {
      const next = waiting.shift()
      if (next) next.go()
      else running -= 1
    }
  }
}

/**
 * Reads the windows through the v3 list, PAGES_IN_FLIGHT pages at once (windows side by side,
 * and the pages of a window once its first page has told how many there are). The pages are
 * written in batches as they arrive (batchWriter); the first failure stops the walk from asking for more.
 */
async function walk(ctx: SyncContext, phase: SyncPhase, windows: Window[], counts: Counts, seen: Set<string>): Promise<void> {
  const inFlight = gate(ctx.pagesInFlight)
  // A position with installments is listed in every window one of its due dates falls in: written
  // once per walk, unless the backend changed it between two listings.
  const written = new Map<string, string | undefined>()
  const firstListing = (p: BackendPosition): boolean => {
    const iupd = p.base.iupd!
    if (written.has(iupd) && written.get(iupd) === p.base.lastUpdatedDate) return false
    written.set(iupd, p.base.lastUpdatedDate)
    return true
  }
  const writer = batchWriter(ctx, counts)
  let failed = false
  let done = 0
  const read = async (w: Window, page: number): Promise<number> => {
    const range = w.kind === 'due' ? { dueDateFrom: w.from, dueDateTo: w.to } : { paymentDateTimeFrom: w.from, paymentDateTimeTo: w.to }
    const result = await inFlight(windows.indexOf(w), async () => (failed ? null : await ctx.link.withRetry(() => ctx.client.listPositionsV3({ page, limit: PAGE_SIZE, orderby: 'IUPD', ordering: 'ASC', ...range }))))
    if (!result || failed) return 0
    const list = result.payment_position_list.map(fromV3)
    for (const p of list) seen.add(p.base.iupd!)
    const fresh = list.filter(firstListing)
    // Said once per page at most, as the page arrives; the desk blocks creation.
    const foreign = foreignIuvIn(ctx, fresh)
    if (foreign) ctx.options.onForeignIuv?.(foreign)
    writer.add(fresh)
    return list.length === 0 ? 0 : result.page_info.total_pages
  }
  const stopOnError = <T>(work: (item: T) => Promise<void>) => async (item: T) => {
    if (failed) return
    try {
      await work(item)
    } catch (error) {
      failed = true
      throw error
    }
  }
  const walkWindow = stopOnError(async (w: Window) => {
    const pages = await read(w, 0)
    const rest = Array.from({ length: Math.max(0, pages - 1) }, (_, i) => i + 1)
    await inParallel(rest, ctx.pagesInFlight, stopOnError(async (page) => void (await read(w, page))))
    if (failed) return
    writer.flush()
    done += 1
    ctx.options.onProgress?.({ phase, done, total: windows.length, positions: seen.size, message: message('sync.progressWindow', { from: w.from.slice(0, 10), to: w.to.slice(0, 10) }) })
  })
  try {
    await inParallel(windows, ctx.pagesInFlight, walkWindow)
  } finally {
    // What was read before a failure is kept, as when every page was written on arrival.
    writer.flush()
  }
}

function dueWindows(fromMs: number, toMs: number): Window[] {
  const windows: Window[] = []
  for (let start = fromMs; start <= toMs; start += WINDOW_DAYS * DAY_MS) {
    windows.push({ from: isoDay(start), to: isoDay(Math.min(toMs, start + (WINDOW_DAYS - 1) * DAY_MS)), kind: 'due' })
  }
  return windows
}

const startOfDay = (ms: number) => Date.UTC(new Date(ms).getUTCFullYear(), new Date(ms).getUTCMonth(), new Date(ms).getUTCDate())

/** The backend no longer has it: the backend is the ente's record, so the cache lets it go. */
export function dropDeletedElsewhere(ctx: SyncContext, iupd: string): void {
  ctx.sqlite.transaction(() => {
    ctx.outbox.closeAllFor(iupd, 'conflict', message('sync.conflict.goneFromBackend'))
    ctx.audit.append({ operator: SYNC_OPERATOR, action: 'deletedElsewhere', entity: 'position', entityKey: iupd, reason: 'Non più presente sul backend pagoPA' })
    const local = ctx.localState(iupd)
    if (local) deleteCachedPosition(ctx.sqlite, local.id)
  })()
}

/** Positions the cache has in the horizon that the backend no longer lists: confirmed one by one, then dropped. */
async function dropUnlisted(ctx: SyncContext, fromMs: number, toMs: number, seen: Set<string>): Promise<number> {
  const candidates = (
    ctx.sqlite
      .prepare("SELECT iupd FROM positions WHERE sync_state = 'synced' AND origin != 'demo' AND due_date BETWEEN ? AND ?")
      .pluck()
      .all(isoDay(fromMs), isoDay(toMs)) as string[]
  ).filter((iupd) => !seen.has(iupd))
  let dropped = 0
  for (const iupd of candidates.slice(0, 500)) {
    try {
      await ctx.link.withRetry(() => ctx.client.getPosition(iupd))
    } catch (error) {
      if (!(error instanceof GpdError && error.status === 404)) throw error
      dropDeletedElsewhere(ctx, iupd)
      dropped += 1
    }
  }
  return dropped
}

export async function fullSync(ctx: SyncContext): Promise<SyncSummary> {
  const started = ctx.now()
  const today = startOfDay(started)
  const fromMs = today - ctx.horizon.pastDays * DAY_MS
  const toMs = today + ctx.horizon.futureDays * DAY_MS
  const counts = { created: 0, updated: 0 }
  const seen = new Set<string>()
  await walk(ctx, 'full', dueWindows(fromMs, toMs), counts, seen)
  const deletedElsewhere = await dropUnlisted(ctx, fromMs, toMs, seen)
  ctx.writeState('sync.lastFullAt', new Date(started).toISOString())
  ctx.writeState('lastSyncAt', new Date(started).toISOString())
  if (!ctx.readState('sync.paymentCursor')) ctx.writeState('sync.paymentCursor', gpdNow(started))
  return ctx.summary('full', started, { positions: seen.size, ...counts, deletedElsewhere })
}

export async function pullPayments(ctx: SyncContext): Promise<SyncSummary> {
  const started = ctx.now()
  const cursor = ctx.readState('sync.paymentCursor')
  const fromMs = cursor ? Date.parse(`${cursor}Z`) - PAYMENT_OVERLAP_MS : started - WINDOW_DAYS * DAY_MS
  const windows: Window[] = []
  for (let start = fromMs; start < started; start += (WINDOW_DAYS - 1) * DAY_MS) {
    windows.push({ from: gpdNow(start).slice(0, 19), to: gpdNow(Math.min(started + 60_000, start + (WINDOW_DAYS - 1) * DAY_MS)).slice(0, 19), kind: 'paymentTime' })
  }
  const counts = { created: 0, updated: 0 }
  const seen = new Set<string>()
  await walk(ctx, 'payments', windows, counts, seen)
  ctx.writeState('sync.paymentCursor', gpdNow(started).slice(0, 19))
  ctx.writeState('lastSyncAt', new Date(started).toISOString())
  return ctx.summary('payments', started, { positions: seen.size, ...counts })
}

/** The windows around today: where dues created or changed by other desks show up. */
export async function rescan(ctx: SyncContext, pastDays = 60, futureDays = 180): Promise<SyncSummary> {
  const started = ctx.now()
  const today = startOfDay(started)
  const counts = { created: 0, updated: 0 }
  const seen = new Set<string>()
  await walk(ctx, 'rescan', dueWindows(today - pastDays * DAY_MS, today + futureDays * DAY_MS), counts, seen)
  ctx.writeState('lastSyncAt', new Date(started).toISOString())
  return ctx.summary('rescan', started, { positions: seen.size, ...counts })
}
