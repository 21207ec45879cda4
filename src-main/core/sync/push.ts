// Push: the outbox, in order per position, with retries and backoff. Creates are idempotent: a
// create retried after a lost answer meets 409, and the position found on GPD is recognised as
// ours only when identifier, IUVs and content match (see same-content.ts). The backend wins on
// payments: a local change to a due paid meanwhile is refused, recorded in the audit log, and the
// cache takes the backend's state.
import { italian, message, type Message } from '../../contract/messages'
import type { OutboxEntry } from '../db/outbox'
import { GpdError } from '../gpd/errors'
import type { PaymentPositionBaseResponse } from '../gpd/types'
import { SYNC_OPERATOR, type SyncContext } from './context'
import type { SyncSummary } from './types'
import { errorMessage, inParallel } from './link'
import { positionModelFromCache } from './mapper'
import { dropDeletedElsewhere } from './pull'
import { sameCreatedContent } from './same-content'

type Outcome = 'done' | 'retry' | 'conflict' | 'failed'

const STATUS_TEXT: Record<string, Message> = {
  PAID: message('sync.backendStatus.paid'),
  PARTIALLY_PAID: message('sync.backendStatus.partiallyPaid'),
  REPORTED: message('sync.backendStatus.reported'),
  INVALID: message('sync.backendStatus.invalid'),
  EXPIRED: message('sync.backendStatus.expired'),
  DRAFT: message('sync.backendStatus.draft'),
  PUBLISHED: message('sync.backendStatus.published'),
  VALID: message('sync.backendStatus.valid')
}
/** The backend's status as the end of "sul backend il dovuto risulta …" (an unknown one as GPD says it). */
const statusText = (status: string | undefined): Message | string => (status ? (STATUS_TEXT[status] ?? status) : message('sync.backendStatus.gone'))
const isStatus = (error: unknown, ...statuses: number[]) => error instanceof GpdError && statuses.includes(error.status ?? 0)

/** Reads the backend's position and puts it in the cache (after a change, or when the backend won). */
async function adoptBackend(ctx: SyncContext, iupd: string): Promise<PaymentPositionBaseResponse | null> {
  try {
    const base = await ctx.link.withRetry(() => ctx.client.getPosition(iupd))
    const debtor = ctx.writer.isKnown(iupd) ? undefined : (await ctx.link.withRetry(() => ctx.client.getPositionV3(iupd))).paymentOption?.[0]?.debtor
    ctx.sqlite.transaction(() => ctx.writer.write({ base, ...(debtor ? { debtor } : {}) }))()
    return base
  } catch (error) {
    if (isStatus(error, 404)) return null
    throw error
  }
}

/** The v3 read: the only view of a position that carries its debtor. */
async function remoteV3OrNull(ctx: SyncContext, iupd: string) {
  try {
    return await ctx.link.withRetry(() => ctx.client.getPositionV3(iupd))
  } catch (error) {
    if (isStatus(error, 404)) return null
    throw error
  }
}

/** The backend refused for good: the entry's history keeps why, in Italian like the audit log. */
function conflict(ctx: SyncContext, entry: OutboxEntry, said: Message, backendStatus?: string): 'conflict' {
  ctx.sqlite.transaction(() => {
    ctx.outbox.close(entry.id, 'conflict', said)
    ctx.outbox.closeAllFor(entry.iupd, 'conflict', message('sync.conflict.earlierRefused'))
    ctx.setSyncState('conflict', entry.iupd)
    ctx.audit.append({ operator: SYNC_OPERATOR, action: 'conflict', entity: 'position', entityKey: entry.iupd, after: backendStatus ? { status: backendStatus } : undefined, reason: `${entry.operation}: ${italian(said)}` })
  })()
  return 'conflict'
}

function settled(ctx: SyncContext, entry: OutboxEntry): 'done' {
  ctx.sqlite.transaction(() => {
    ctx.outbox.done(entry.id)
    if (!ctx.outbox.hasPending(entry.iupd) && !ctx.outbox.hasConflicts(entry.iupd)) ctx.setSyncState('synced', entry.iupd)
  })()
  return 'done'
}

async function sendCreate(ctx: SyncContext, entry: OutboxEntry): Promise<Outcome> {
  if (!ctx.writer.isKnown(entry.iupd)) return settled(ctx, entry)
  const model = positionModelFromCache(ctx.sqlite, entry.iupd)
  try {
    await ctx.client.createPosition(model, true)
  } catch (error) {
    if (!isStatus(error, 409)) throw error
    // Already there: ours (an earlier attempt whose answer was lost) only if identifier, IUVs and
    // content all match. Another desk with our number may have issued the same IUV and IUPD in the
    // same second: its position is never taken for ours.
    const remote = await remoteV3OrNull(ctx, entry.iupd)
    if (!remote || !sameCreatedContent(remote, model)) {
      const ourIuv = model.paymentOption?.[0]?.iuv
      if (ourIuv) ctx.options.onForeignIuv?.({ iuv: ourIuv, iupd: remote?.iupd ?? entry.iupd })
      return conflict(ctx, entry, remote ? message('sync.conflict.iupdTaken', { iupd: entry.iupd }) : message('sync.conflict.iuvTaken'))
    }
  }
  await adoptBackend(ctx, entry.iupd)
  return settled(ctx, entry)
}

async function sendUpdate(ctx: SyncContext, entry: OutboxEntry): Promise<Outcome> {
  if (!ctx.writer.isKnown(entry.iupd)) return settled(ctx, entry)
  try {
    await ctx.client.updatePosition(entry.iupd, positionModelFromCache(ctx.sqlite, entry.iupd), true)
  } catch (error) {
    if (!isStatus(error, 409, 404)) throw error
    const remote = await adoptBackend(ctx, entry.iupd)
    conflict(ctx, entry, remote ? message('sync.conflict.editRefused', { status: statusText(remote.status) }) : message('sync.conflict.editGone'), remote?.status)
    if (!remote) dropDeletedElsewhere(ctx, entry.iupd)
    return 'conflict'
  }
  await adoptBackend(ctx, entry.iupd)
  return settled(ctx, entry)
}

async function sendDelete(ctx: SyncContext, entry: OutboxEntry): Promise<Outcome> {
  try {
    await ctx.client.deletePosition(entry.iupd)
  } catch (error) {
    if (isStatus(error, 404)) return settled(ctx, entry)
    if (!isStatus(error, 409)) throw error
    const remote = await adoptBackend(ctx, entry.iupd)
    return conflict(ctx, entry, message('sync.conflict.deleteRefused', { status: statusText(remote?.status) }), remote?.status)
  }
  return settled(ctx, entry)
}

async function sendInvalidate(ctx: SyncContext, entry: OutboxEntry): Promise<Outcome> {
  try {
    await ctx.client.invalidatePosition(entry.iupd)
  } catch (error) {
    if (!isStatus(error, 409, 404)) throw error
    const remote = await adoptBackend(ctx, entry.iupd)
    if (remote?.status !== 'INVALID') {
      conflict(ctx, entry, remote ? message('sync.conflict.invalidateRefused', { status: statusText(remote.status) }) : message('sync.conflict.invalidateGone'), remote?.status)
      if (!remote) dropDeletedElsewhere(ctx, entry.iupd)
      return 'conflict'
    }
  }
  await adoptBackend(ctx, entry.iupd)
  return settled(ctx, entry)
}

async function sendMarkPaid(ctx: SyncContext, entry: OutboxEntry): Promise<Outcome> {
  const nav = String(entry.payload.nav)
  try {
    await ctx.client.markAsPaid(nav, String(entry.payload.paymentDate))
  } catch (error) {
    if (!isStatus(error, 409)) throw error
    const remote = await adoptBackend(ctx, entry.iupd)
    const option = remote?.paymentOption?.find((o) => o.nav === nav)
    // Our own earlier attempt leaves GPD's placeholders ("NA"); anything else is a PSP.
    if (option?.status !== 'PO_PAID' || option.idReceipt !== 'NA') {
      return conflict(ctx, entry, option?.status === 'PO_PAID' ? message('sync.conflict.paidViaPagopa') : message('sync.conflict.paymentRefused', { status: statusText(remote?.status) }), remote?.status)
    }
  }
  await adoptBackend(ctx, entry.iupd)
  return settled(ctx, entry)
}

const SENDERS: Record<OutboxEntry['operation'], (ctx: SyncContext, entry: OutboxEntry) => Promise<Outcome>> = {
  create: sendCreate,
  update: sendUpdate,
  delete: sendDelete,
  invalidate: sendInvalidate,
  markPaid: sendMarkPaid
}

/** One outbox entry to the backend; a refusal that will not change is final, anything else waits and retries. */
async function send(ctx: SyncContext, entry: OutboxEntry): Promise<Outcome> {
  ctx.outbox.countAttempt(entry.id)
  try {
    return await SENDERS[entry.operation](ctx, entry)
  } catch (error) {
    ctx.link.reachable(false, error)
    if (error instanceof GpdError && !error.retryable && error.kind !== 'invalid-response') {
      ctx.outbox.close(entry.id, 'failed', error.said)
      ctx.setSyncState('conflict', entry.iupd)
      return 'failed'
    }
    const delay = error instanceof GpdError && error.details.retryAfterMs !== undefined
      ? error.details.retryAfterMs
      : Math.min(60_000, ctx.retryBase * 2 ** Math.min(entry.attempts, 10)) * (0.8 + Math.random() * 0.4)
    ctx.outbox.retryLater(entry.id, new Date(ctx.now() + delay).toISOString(), errorMessage(error))
    return 'retry'
  }
}

/** Sends what is ready now; with a deadline, waits for retries until the outbox is empty or time is up. */
export async function pushOnce(ctx: SyncContext, deadlineMs: number): Promise<SyncSummary> {
  const started = ctx.now()
  const counts = { pushed: 0, conflicts: 0, failed: 0 }
  for (;;) {
    const ready = ctx.outbox.ready(new Date(ctx.now()).toISOString())
    if (ready.length === 0) {
      if (ctx.outbox.pendingCount() === 0 || ctx.now() - started >= deadlineMs) break
      await new Promise((r) => setTimeout(r, Math.max(10, Math.min(ctx.retryBase, 250))))
      continue
    }
    await inParallel(ready, ctx.concurrency, async (entry) => {
      const outcome = await send(ctx, entry)
      if (outcome === 'done') counts.pushed += 1
      if (outcome === 'conflict') counts.conflicts += 1
      if (outcome === 'failed') counts.failed += 1
      if (outcome === 'done') ctx.link.reachable(true)
    })
    ctx.options.onProgress?.({ phase: 'push', done: counts.pushed, total: counts.pushed + ctx.outbox.pendingCount(), positions: counts.pushed, message: message('sync.progressPush') })
  }
  return ctx.summary('push', started, counts)
}
