// `sportello`: the command line for the ente's IT staff and for tests. It runs on plain Node
// (never Electron) against the same core as the desktop app.
// Each command's module is loaded only when that command runs (a dynamic import, its own chunk in
// the built out/cli): `sportello --help` or `sportello check …` never loads SQLite, the PDF
// libraries or the serial port.
import { join } from 'node:path'
import { CliError, parse, type CommandContext } from './args'

export type { CliEnvironment, CommandContext } from './args'
import type { CliEnvironment } from './args'

const HELP = `Sportello Dovuti: riga di comando

Uso: sportello <comando> [opzioni]

Comandi:
  serve [--port N] [--data DIR] [--demo] [--backend URL|embedded]
        avvia l'host per browser (solo 127.0.0.1) e stampa il suo indirizzo con il token
  seed --data DIR --dues N [--seed S]
        riempie la cache con N dovuti dimostrativi
  search TESTO [--status pending|paid|all] [--data DIR] [--limit N] [--json]
        cerca nella cache locale (nome, codice fiscale, IUV, numero avviso, IUPD, causale)
  config --data DIR [--demo] [--ente FILE.json] [--due-types FILE.json] [--desk N] [--pos FILE.json]
        imposta ente, tipi di dovuto e numero dello sportello (--demo: il Comune dimostrativo)
  notice IUPD|NUMERO_AVVISO -o FILE.pdf [--data DIR] [--lang it|it-de|en] [--senza-scadenza]
        scrive l'avviso di pagamento pagoPA in PDF
  print IUPD|NUMERO_AVVISO [--printer NOME] [--data DIR]   |   print --list
        stampa l'avviso sulla stampante scelta (o indicata), senza finestre di dialogo
  operators add --data DIR --username U --name "Nome Cognome" --role RUOLO
        crea o aggiorna un operatore; la password si legge dallo standard input
  sync [--full] [--data DIR] [--backend URL|embedded]
        sincronizza la cache con il backend pagoPA (avanzamento su stderr, riepilogo JSON su stdout)
  dues create --data DIR --from FILE.json
        crea i dovuti del file (IUV e numero avviso generati) e li mette in coda per l'invio
  check notice|qr|datamatrix|cf|piva|iban|taxonomy VALORE [--json]
        verifica un valore e stampa {"valid": ...} con i campi letti o il motivo
  simulate backend [--port N] [--data DIR] [--seed N] [--fail-rate R] [--latency-ms N] [--hang-ms N]
        avvia un simulatore del backend pagoPA GPD (stampa il suo indirizzo quando è pronto)
  simulate pos (--pty | --tcp PORTA) [--scenario NOME] [--terminal-id ID] [--lrc AMBITO]
        avvia un terminale POS simulato (ECR17) su una porta seriale virtuale o su TCP;
        scenari: approve, decline, cancel, slow-pin, nak, lost-ack, drop-after-ack, power-cycle, garbage
  backup [--data DIR] [--list]
        scrive una copia di sicurezza della cache (--list: le copie presenti)
  restore --from FILE [--data DIR]
        rimette una copia al posto della cache, conservando la cache sostituita e le sue modifiche non inviate
  privacy export CODICE_FISCALE -o FILE.json | erase CODICE_FISCALE | purge  [--data DIR]
        dati di un cittadino (GDPR): esportazione, cancellazione dalla cache; pulizia dei dovuti chiusi
  audit verify [--data DIR] [--json]
        verifica la catena del registro di audit (esce con 1 alla prima voce alterata)
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
        return await (await import('./serve-command')).serveCommand(parse(rest, { port: 'string', data: 'string', demo: 'boolean', backend: 'string' }), context)
      case 'seed':
        return (await import('./seed-command')).seedCommand(parse(rest, { data: 'string', dues: 'string', seed: 'string' }), context)
      case 'sync':
        return await (await import('./sync-command')).syncCommand(rest, context)
      case 'dues':
        return (await import('./dues-command')).duesCommand(rest, context)
      case 'config':
        return (await import('./config-command')).configCommand(rest, context)
      case 'notice':
        return await (await import('./notice-command')).noticeCommand(rest, context)
      case 'print':
        return await (await import('./print-command')).printCommand(rest, context)
      case 'operators':
        return await (await import('./operators-command')).operatorsCommand(rest, context)
      case 'backup':
        return await (await import('./backup-command')).backupCommand(rest, context)
      case 'restore':
        return (await import('./backup-command')).restoreCommand(rest, context)
      case 'privacy':
        return await (await import('./privacy-command')).privacyCommand(rest, context)
      case 'audit':
        return await (await import('./audit-command')).auditCommand(rest, context)
      case 'check':
        return (await import('./check-command')).checkCommand(rest, context)
      case 'simulate':
        return await (await import('./simulate-command')).simulateCommand(rest, context)
      case 'search':
        return (await import('./search-command')).searchCommand(parse(rest, { status: 'string', data: 'string', limit: 'string', json: 'boolean' }, true), context)
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

