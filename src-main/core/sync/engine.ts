// Keeps the desk's cache in step with GPD (pull.ts), and GPD in step with the desk (push.ts).
// This module is the engine's face: one push at a time, "Sincronizza ora", and the link's state.
import { createSyncContext } from './context'
import { fullSync, pullPayments, rescan } from './pull'
import { pushOnce } from './push'

export type { SyncEngineOptions, SyncPhase, SyncProgress, SyncSummary } from './types'
import type { SyncEngineOptions, SyncSummary } from './types'

export function createSyncEngine(options: SyncEngineOptions) {
  const ctx = createSyncContext(options)

  // One push at a time: two would send the same entry twice. A request during a push joins it
  // (the running push re-reads the outbox until nothing is ready, so it sends new entries too).
  let pushing: Promise<SyncSummary> | null = null
  function pushOutbox(deadlineMs = 0): Promise<SyncSummary> {
    if (!pushing) pushing = pushOnce(ctx, deadlineMs).finally(() => (pushing = null))
    return pushing
  }

  return {
    fullSync: () => fullSync(ctx),
    pullPayments: () => pullPayments(ctx),
    rescan: (pastDays?: number, futureDays?: number) => rescan(ctx, pastDays, futureDays),
    pushOutbox,
    /** "Sincronizza ora": send what waits, then fetch payments and what other desks changed. */
    async syncNow(): Promise<SyncSummary> {
      const started = ctx.now()
      const pushed = await pushOutbox()
      const payments = await pullPayments(ctx)
      const rescanned = await rescan(ctx)
      return ctx.summary('sync', started, {
        pushed: pushed.pushed,
        conflicts: pushed.conflicts,
        failed: pushed.failed,
        positions: payments.positions + rescanned.positions,
        created: payments.created + rescanned.created,
        updated: payments.updated + rescanned.updated
      })
    },
    get state() {
      return { online: ctx.link.online, lastError: ctx.link.lastError, pending: ctx.outbox.pendingCount() }
    }
  }
}
export type SyncEngine = ReturnType<typeof createSyncEngine>
