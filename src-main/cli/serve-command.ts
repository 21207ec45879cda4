import { createCoreApp } from '../core/app'
import { startBrowserHost } from '../core/host/browser-host'
import { defaultDataDir } from '../core/paths'
import { dataDirOption, integerOption, requireBuiltRenderer, type CommandContext, type ParsedArgs } from './args'

export async function serveCommand(args: ParsedArgs, ctx: CommandContext): Promise<number> {
  requireBuiltRenderer(ctx.rendererDir)
  const port = integerOption(args, 'port', 0, 65535) ?? 0
  const dataDir = dataDirOption(args, () => defaultDataDir())
  const demo = args.values.demo === true
  if (demo) ctx.stderr.write('Preparazione della cache dimostrativa…\n')
  const app = createCoreApp({ dataDir, migrationsFolder: ctx.migrationsFolder, version: ctx.version, demo })
  const host = await startBrowserHost({ dispatch: app.dispatch, events: app.events, staticDir: ctx.rendererDir, port })
  ctx.stdout.write(`Sportello Dovuti in ascolto su ${host.url}\n`)

  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  await host.close()
  app.close()
  return 0
}
