// Runs the sync engine in the background of the desktop app and the browser host: a full sync
// the first time, then "sync now" every few minutes, one run at a time.
import type { SyncEngine, SyncProgress, SyncSummary } from './engine'

export interface SchedulerOptions {
  engine: SyncEngine
  needsFullSync: () => boolean
  intervalMs?: number
  onRunning?: (running: boolean) => void
  onDone?: (summary: SyncSummary | null, error: unknown) => void
}

export function createSyncScheduler(options: SchedulerOptions) {
  let current: Promise<SyncSummary | null> | null = null
  let timer: ReturnType<typeof setInterval> | null = null

  function run(full = false): Promise<SyncSummary | null> {
    // A request while a run is going joins it instead of starting a second one.
    if (current) return current
    options.onRunning?.(true)
    current = (async () => {
      try {
        const summary = full || options.needsFullSync() ? await options.engine.fullSync() : await options.engine.syncNow()
        if (full || summary.phase === 'full') await options.engine.pushOutbox()
        options.onDone?.(summary, null)
        return summary
      } catch (error) {
        options.onDone?.(null, error)
        return null
      } finally {
        current = null
        options.onRunning?.(false)
      }
    })()
    return current
  }

  return {
    run,
    start(): void {
      void run()
      timer = setInterval(() => void run(), options.intervalMs ?? 120_000)
      timer.unref()
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer)
      await current
    },
    get running() {
      return current !== null
    }
  }
}
export type { SyncProgress }
