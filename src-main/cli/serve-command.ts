import { startCoreApp } from '../core/app'
import { startBrowserHost } from '../core/host/browser-host'
import { defaultDataDir } from '../core/paths'
import { backendOption, CliError, dataDirOption, integerOption, requireBuiltRenderer, type CommandContext, type ParsedArgs } from './args'
import { createSettingsStore } from '../core/settings/settings'

export async function serveCommand(args: ParsedArgs, ctx: CommandContext): Promise<number> {
  requireBuiltRenderer(ctx.rendererDir)
  const port = integerOption(args, 'port', 0, 65535) ?? 0
  const dataDir = dataDirOption(args, () => defaultDataDir())
  const demo = args.values.demo === true
  const backend = backendOption(args)
  let app: Awaited<ReturnType<typeof startCoreApp>>
  try {
    app = await startCoreApp({ dataDir, resourcesDir: ctx.resourcesDir, version: ctx.version, demo, backgroundSync: true, ...(backend ? { backend } : {}) })
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error))
  }
  if (backend) createSettingsStore(app.database.sqlite).set('backend', backend)
  const host = await startBrowserHost({ dispatch: app.dispatch, events: app.events, staticDir: ctx.rendererDir, port })
  ctx.stdout.write(`Sportello Dovuti in ascolto su ${host.url}\n`)

  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  await host.close()
  await app.close()
  return 0
}
