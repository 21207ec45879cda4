import { resolve } from 'node:path'
import type { SyncProgressInfo } from '../contract/app'
import { italian } from '../contract/messages'
import { startCoreApp } from '../core/app'
import { defaultDataDir } from '../core/paths'
import { createSettingsStore } from '../core/settings/settings'
import type { BackendSettings } from '../core/sync/backend-connection'
import { backendOption, CliError, dataDirOption, integerOption, parse, type CommandContext } from './args'

/** sportello sync [--full] [--data DIR] [--backend URL|embedded]: progress on stderr, JSON on stdout. */
export async function syncCommand(args: string[], ctx: CommandContext): Promise<number> {
  const parsed = parse(args, { full: 'boolean', data: 'string', backend: 'string', 'deadline-s': 'string' })
  const dataDir = dataDirOption(parsed, () => defaultDataDir())
  const deadlineMs = (integerOption(parsed, 'deadline-s', 0, 86_400) ?? 120) * 1000
  const backend: BackendSettings | undefined = backendOption(parsed)
  let app: Awaited<ReturnType<typeof startCoreApp>>
  try {
    app = await startCoreApp({ dataDir: resolve(dataDir), resourcesDir: ctx.resourcesDir, version: ctx.version, ...(backend ? { backend } : {}) })
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error))
  }
  if (app.mode === 'setup') {
    await app.close()
    throw new CliError('questa cartella dati non è ancora collegata a un backend: indicarlo con --backend URL (dopo sportello config --ente … --desk N) oppure usare --backend embedded per la prova dimostrativa.')
  }
  // The backend chosen here becomes this cache's backend: the next runs and the app use it too.
  if (backend) createSettingsStore(app.database.sqlite).set('backend', backend)
  let last = ''
  const show = (line: string) => {
    if (line !== last) ctx.stderr.write(`${line}\n`)
    last = line
  }
  app.events.subscribe((name, payload) => {
    if (name === 'sync.progress') {
      const p = payload as SyncProgressInfo
      show(`[${p.phase}] ${p.done}/${p.total} ${italian(p.message)} · ${p.positions} posizioni`)
    }
  })
  try {
    const needsFull = parsed.values.full === true || !app.database.sqlite.prepare("SELECT 1 FROM sync_state WHERE key = 'sync.lastFullAt'").get()
    const pushed = await app.engine.pushOutbox(deadlineMs)
    const pulled = needsFull ? await app.engine.fullSync() : await app.engine.syncNow()
    const summary = {
      ...pulled,
      phase: needsFull ? 'full' : 'sync',
      pushed: pushed.pushed + pulled.pushed,
      conflicts: pushed.conflicts + pulled.conflicts,
      failed: pushed.failed + pulled.failed,
      pending: app.engine.state.pending,
      backend: app.backend.label
    }
    ctx.stdout.write(`${JSON.stringify(summary)}\n`)
    return summary.failed > 0 || summary.conflicts > 0 ? 1 : 0
  } catch (error) {
    ctx.stderr.write(`Sincronizzazione non riuscita: ${error instanceof Error ? error.message : String(error)}\n`)
    return 1
  } finally {
    await app.close()
  }
}
