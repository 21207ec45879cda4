import { startCoreApp } from '../core/app'
import { startBrowserHost } from '../core/host/browser-host'
import { defaultDataDir } from '../core/paths'
import { backendOption, CliError, dataDirOption, integerOption, requireBuiltRenderer, type CommandContext, type ParsedArgs } from './args'
import { createSettingsStore } from '../core/settings/settings'

/** At the latest, the work that can wait starts this long after the host is up, page or no page. */
const FIRST_SCREEN_LATEST_MS = 5_000
/** What a browser's first screen asks for (or the first search of a client without a page). */
const FIRST_SCREEN_METHODS = new Set<unknown>(['app.info', 'app.status', 'dues.search'])

export async function serveCommand(args: ParsedArgs, ctx: CommandContext): Promise<number> {
  requireBuiltRenderer(ctx.rendererDir)
  const port = integerOption(args, 'port', 0, 65535) ?? 0
  const dataDir = dataDirOption(args, () => defaultDataDir())
  const demo = args.values.demo === true
  const backend = backendOption(args)
  // The first screen is up once the host has answered what the page asks for first: the sync,
  // the daily copy and the other work that can wait start then (see AppOptions.firstScreen).
  let firstScreenUp = () => {}
  const firstScreen = new Promise<void>((resolve) => (firstScreenUp = resolve))
  let app: Awaited<ReturnType<typeof startCoreApp>>
  try {
    app = await startCoreApp({ dataDir, resourcesDir: ctx.resourcesDir, version: ctx.version, demo, backgroundSync: true, firstScreen, ...(backend ? { backend } : {}) })
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error))
  }
  if (backend) createSettingsStore(app.database.sqlite).set('backend', backend)
  const dispatch = app.dispatch
  const host = await startBrowserHost({
    dispatch: async (method, input) => {
      const answer = await dispatch(method, input)
      if (FIRST_SCREEN_METHODS.has(method)) setImmediate(firstScreenUp)
      return answer
    },
    events: app.events,
    staticDir: ctx.rendererDir,
    port
  })
  const latest = setTimeout(firstScreenUp, FIRST_SCREEN_LATEST_MS)
  ctx.stdout.write(`Sportello Dovuti in ascolto su ${host.url}\n`)

  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  clearTimeout(latest)
  await host.close()
  await app.close()
  return 0
}
