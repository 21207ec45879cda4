// Push: the outbox, in order per position, with retries and backoff. Creates are idempotent: a
// create retried after a lost answer meets 409, and the position found on GPD is recognised as
// ours only when identifier, IUVs and content match (see same-content.ts). The backend wins on
// payments: a local change to a due paid meanwhile is refused, recorded in the audit log, and the
// cache takes the backend's state.
import type { OutboxEntry } from '../db/outbox'
import { GpdError } from '../gpd/errors'
import type { PaymentPositionBaseResponse } from '../gpd/types'
import { SYNC_OPERATOR, type SyncContext } from './context'
import type { SyncSummary } from './types'
import { inParallel } from './link'
import { positionModelFromCache } from './mapper'
import { dropDeletedElsewhere } from './pull'
import { sameCreatedContent } from './same-content'

type Outcome = 'done' | 'retry' | 'conflict' | 'failed'

const STATUS_TEXT: Record<string, string> = { PAID: 'già pagato', PARTIALLY_PAID: 'pagato in parte', REPORTED: 'già pagato e rendicontato', INVALID: 'annullato', EXPIRED: 'scaduto', DRAFT: 'in bozza', PUBLISHED: 'pubblicato', VALID: 'da pagare' }
const statusText = (status: string | undefined) => (status ? (STATUS_TEXT[status] ?? status) : 'non più presente')
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

function conflict(ctx: SyncContext, entry: OutboxEntry, message: string, backendStatus?: string): 'conflict' {
  ctx.sqlite.transaction(() => {
    ctx.outbox.close(entry.id, 'conflict', message)
    ctx.outbox.closeAllFor(entry.iupd, 'conflict', 'Non inviata: una modifica precedente dello stesso dovuto è stata rifiutata.')
    ctx.setSyncState('conflict', entry.iupd)
    ctx.audit.append({ operator: SYNC_OPERATOR, action: 'conflict', entity: 'position', entityKey: entry.iupd, after: backendStatus ? { status: backendStatus } : undefined, reason: `${entry.operation}: ${message}` })
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
      return conflict(ctx, entry, remote ? `Identificativo ${entry.iupd} già usato sul backend da un altro dovuto: il dovuto non è stato inviato.` : 'IUV o numero avviso già presenti sul backend per un altro dovuto: il dovuto non è stato inviato.')
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
    conflict(ctx, entry, remote ? `Modifica non applicata: sul backend il dovuto risulta ${statusText(remote.status)}.` : 'Modifica non applicata: il dovuto non esiste più sul backend.', remote?.status)
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
    return conflict(ctx, entry, `Eliminazione non applicata: sul backend il dovuto risulta ${statusText(remote?.status)}. Il dovuto è stato ripristinato.`, remote?.status)
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
      conflict(ctx, entry, remote ? `Annullamento non applicato: sul backend il dovuto risulta ${statusText(remote.status)}.` : 'Annullamento non applicato: il dovuto non esiste più sul backend.', remote?.status)
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
      return conflict(ctx, entry, option?.status === 'PO_PAID' ? 'Il dovuto risulta già pagato tramite pagoPA: verificare un possibile doppio pagamento.' : `Pagamento non registrato sul backend: il dovuto risulta ${statusText(remote?.status)}.`, remote?.status)
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
      ctx.outbox.close(entry.id, 'failed', error.message)
      ctx.setSyncState('conflict', entry.iupd)
      return 'failed'
    }
    const delay = error instanceof GpdError && error.details.retryAfterMs !== undefined
      ? error.details.retryAfterMs
      : Math.min(60_000, ctx.retryBase * 2 ** Math.min(entry.attempts, 10)) * (0.8 + Math.random() * 0.4)
    ctx.outbox.retryLater(entry.id, new Date(ctx.now() + delay).toISOString(), error instanceof Error ? error.message : String(error))
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
    ctx.options.onProgress?.({ phase: 'push', done: counts.pushed, total: counts.pushed + ctx.outbox.pendingCount(), positions: counts.pushed, message: 'Invio delle modifiche' })
  }
  return ctx.summary('push', started, counts)
}
