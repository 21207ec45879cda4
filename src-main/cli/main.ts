// `sportello`: the command line for the ente's IT staff and for tests. It runs on plain Node
// (never Electron) against the same core as the desktop app.
import { join } from 'node:path'
import { CliError, parse, type CommandContext } from './args'
import { searchCommand } from './search-command'
import { seedCommand } from './seed-command'
import { serveCommand } from './serve-command'
import { simulateCommand } from './simulate-command'

export type { CliEnvironment, CommandContext } from './args'
import type { CliEnvironment } from './args'

const HELP = `Sportello Dovuti: riga di comando

Uso: sportello <comando> [opzioni]

Comandi:
  serve [--port N] [--data DIR] [--demo]
        avvia l'host per browser (solo 127.0.0.1) e stampa il suo indirizzo con il token
  seed --data DIR --dues N [--seed S]
        riempie la cache con N dovuti dimostrativi
  search TESTO [--status pending|paid|all] [--data DIR] [--limit N] [--json]
        cerca nella cache locale (nome, codice fiscale, IUV, numero avviso, IUPD, causale)
  simulate backend [--port N] [--data DIR] [--seed N] [--fail-rate R] [--latency-ms N] [--hang-ms N]
        avvia un simulatore del backend pagoPA GPD (stampa il suo indirizzo quando è pronto)
  help  mostra questo aiuto

Senza --data si usa la cartella dati predefinita (variabile SPORTELLO_DATA_DIR per cambiarla).
`


export async function runCli(argv: string[], env: CliEnvironment): Promise<number> {
  const [command, ...rest] = argv
  const context: CommandContext = {
    ...env,
    resourcesDir: join(env.packageRoot, 'resources'),
    migrationsFolder: join(env.packageRoot, 'resources', 'migrations'),
    rendererDir: join(env.packageRoot, 'out', 'renderer')
  }
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        env.stdout.write(HELP)
        return 0
      case '--version':
        env.stdout.write(`${env.version}\n`)
        return 0
      case 'serve':
        return await serveCommand(parse(rest, { port: 'string', data: 'string', demo: 'boolean' }), context)
      case 'seed':
        return seedCommand(parse(rest, { data: 'string', dues: 'string', seed: 'string' }), context)
      case 'simulate':
        return await simulateCommand(rest, context)
      case 'search':
        return searchCommand(parse(rest, { status: 'string', data: 'string', limit: 'string', json: 'boolean' }, true), context)
      default:
        env.stderr.write(`Comando sconosciuto: ${command}\n\n${HELP}`)
        return 2
    }
  } catch (error) {
    if (error instanceof CliError) {
      env.stderr.write(`Errore: ${error.message}\n`)
      return 2
    }
    throw error
  }
}

