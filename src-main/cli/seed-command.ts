import { openDatabase } from '../core/db/open'
import { seedDemo } from '../core/demo/seed'
import { DATABASE_FILE } from '../core/paths'
import { createSettingsStore } from '../core/settings/settings'
import { readIdentity, saveIdentity } from '../core/settings/cache-identity'
import { CliError, integerOption, type CommandContext, type ParsedArgs } from './args'
import { join, resolve } from 'node:path'

export function seedCommand(args: ParsedArgs, ctx: CommandContext): number {
  if (typeof args.values.data !== 'string') throw new CliError('indicare la cartella dati con --data DIR')
  const dues = integerOption(args, 'dues', 1, 5_000_000)
  if (dues === undefined) throw new CliError('indicare quanti dovuti creare con --dues N')
  const seed = integerOption(args, 'seed', 0, 2 ** 31)
  const dataDir = resolve(args.values.data)
  const database = openDatabase(join(dataDir, DATABASE_FILE), { migrationsFolder: ctx.migrationsFolder })
  try {
    // Demo dues belong to a demo desk: never into a cache that serves a real ente.
    const settings = createSettingsStore(database.sqlite)
    const identity = readIdentity(database.sqlite, settings)
    if (identity?.mode === 'live') throw new CliError('questa cartella dati è collegata al pagoPA di un ente: i dovuti dimostrativi vanno in una nuova cartella dati.')
    if (!identity) saveIdentity(settings, { mode: 'demo', boundAt: new Date().toISOString() })
    let lastShown = -1
    const summary = seedDemo(database.sqlite, {
      dues,
      seed,
      onProgress: (done, total) => {
        const percent = Math.floor((done / total) * 100)
        if (percent !== lastShown) {
          lastShown = percent
          ctx.stderr.write(`\rDovuti creati: ${done.toLocaleString('it-IT')} di ${total.toLocaleString('it-IT')} (${percent}%)`)
        }
      },
      // A big seed rebuilds the indexes and the full-text search at the end: seconds without progress.
      onIndexing: () => ctx.stderr.write('\nIndici e ricerca a testo…')
    })
    ctx.stderr.write('\n')
    database.sqlite.pragma('optimize')
    ctx.stdout.write(`${JSON.stringify({ dataDir, ...summary })}\n`)
    return 0
  } finally {
    database.close()
  }
}
