#!/usr/bin/env node
// The system tools and services the tests need (README, "Tests"), checked before `npm test` runs
// anything (the `pretest` script) and set up by .ci/run through this same file:
//   node scripts/test-system.mjs           check; as root, set up what is missing the way .ci/run
//                                          always did (apt-get, cupsd, lpadmin), saying each step;
//                                          otherwise print the exact commands and exit 1, running nothing
//   node scripts/test-system.mjs --check   only list what is missing and the commands (exit 1 if any)
// Plain Node, no dependencies: it runs before `npm ci` in .ci/run.
import { spawnSync } from 'node:child_process'
import { accessSync, constants, existsSync, statSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** Debian packages used by the tests, as .ci/run has always installed them. */
export const PACKAGES = ['chromium', 'poppler-utils', 'zbar-tools', 'dmtx-utils', 'cups', 'printer-driver-cups-pdf', 'socat']

/** Commands the tests (and the set-up) run, and the Debian package that provides each. */
export const COMMANDS = [
  { command: 'pdftoppm', package: 'poppler-utils' }, // notices rendered to images (test/helpers/pdf.ts)
  { command: 'pdftotext', package: 'poppler-utils' }, // PDFs read back as text
  { command: 'zbarimg', package: 'zbar-tools' }, // QR codes decoded
  { command: 'dmtxread', package: 'dmtx-utils' }, // Poste Data Matrix decoded
  { command: 'socat', package: 'socat' }, // pseudo-terminal pairs (src-main/core/pos/pty-pair.ts)
  { command: 'lp', package: 'cups' }, // printing (src-main/core/printing/cups.ts)
  { command: 'lpstat', package: 'cups' },
  { command: 'lpadmin', package: 'cups' }, // creates the test queue
  { command: 'cupsd', package: 'cups' } // the scheduler
]

/** Files the tests need, with their package. CHROMIUM_PATH replaces the Chromium path (test/helpers/browser.ts). */
export const DEFAULT_FILES = {
  chromium: '/usr/bin/chromium',
  cupsPdfBackend: '/usr/lib/cups/backend/cups-pdf',
  cupsPdfPpd: '/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd'
}

/** Where lpadmin and cupsd live, often outside a normal user's PATH. */
export const SBIN_DIRS = ['/usr/local/sbin', '/usr/sbin', '/sbin']

export const DEFAULT_QUEUE = 'SportelloPDF'
export const PPD_MODEL = 'lsb/usr/cups-pdf/CUPS-PDF_opt.ppd'

const isExecutable = (path) => {
  try {
    accessSync(path, constants.X_OK)
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/**
 * What is missing for the tests: `missing` lists each item in words, `packages` the Debian packages
 * to install, `startScheduler` whether CUPS must be started, `createQueue` the queue to create, `fixes`
 * commands no package can replace (a CHROMIUM_PATH pointing nowhere).
 */
export function checkSystem(options = {}) {
  const env = options.env ?? process.env
  const files = { ...DEFAULT_FILES, ...options.files }
  const sbinDirs = options.sbinDirs ?? SBIN_DIRS
  const queue = env.SPORTELLO_TEST_PRINTER || DEFAULT_QUEUE
  const dirs = [...(env.PATH ?? '').split(delimiter).filter(Boolean), ...sbinDirs]
  const which = (command) => dirs.map((dir) => join(dir, command)).find(isExecutable) ?? null

  const missing = []
  const packages = new Set()
  const fixes = []
  const lack = (item, pkg) => {
    missing.push(pkg ? `${item} (pacchetto ${pkg})` : item)
    if (pkg) packages.add(pkg)
  }

  if (env.CHROMIUM_PATH) {
    if (!isExecutable(env.CHROMIUM_PATH)) {
      lack(`Chromium: CHROMIUM_PATH=${env.CHROMIUM_PATH} non è un eseguibile`, null)
      fixes.push(`unset CHROMIUM_PATH   # per usare ${files.chromium}, oppure CHROMIUM_PATH=<un Chromium esistente>`)
      if (!isExecutable(files.chromium)) packages.add('chromium')
    }
  } else if (!isExecutable(files.chromium)) {
    lack(`Chromium (${files.chromium})`, 'chromium')
  }
  const found = {}
  for (const { command, package: pkg } of COMMANDS) {
    found[command] = which(command)
    if (!found[command]) lack(command, pkg)
  }
  if (!existsSync(files.cupsPdfBackend)) lack(`backend di stampa cups-pdf (${files.cupsPdfBackend})`, 'printer-driver-cups-pdf')
  if (!existsSync(files.cupsPdfPpd)) lack(`modello di stampante CUPS-PDF (${files.cupsPdfPpd})`, 'printer-driver-cups-pdf')

  // `lpstat -r` exits 0 even when the scheduler is down: read what it says instead.
  let scheduler = false
  let queueReady = false
  if (found.lpstat) {
    const lpstat = (...args) =>
      spawnSync(found.lpstat, args, { env: { ...env, LANG: 'C', LC_ALL: 'C' }, encoding: 'utf8', timeout: 10_000 })
    scheduler = (lpstat('-r').stdout ?? '').split('\n').some((line) => line.trim() === 'scheduler is running')
    queueReady = scheduler && lpstat('-p', queue).status === 0
  }
  if (!scheduler) missing.push(found.lpstat ? 'il servizio di stampa CUPS non è avviato' : 'il servizio di stampa CUPS (lpstat manca: non verificabile)')
  if (!queueReady) missing.push(scheduler ? `la coda di stampa ${queue} non esiste` : `la coda di stampa ${queue} (CUPS non avviato: non verificabile)`)

  return {
    missing,
    packages: PACKAGES.filter((p) => packages.has(p)),
    startScheduler: !scheduler,
    createQueue: queueReady ? null : queue,
    fixes
  }
}

/** The commands that set up what `result` lists, prefixed with sudo unless run as root. */
export function setUpCommands(result, options = {}) {
  const sudo = options.root ? '' : 'sudo '
  const systemd = options.systemd ?? existsSync('/run/systemd/system')
  const commands = []
  if (result.packages.length > 0) {
    commands.push(`${sudo}apt-get update`)
    commands.push(`${sudo}apt-get install -y --no-install-recommends ${result.packages.join(' ')}`)
  }
  if (result.startScheduler) commands.push(systemd ? `${sudo}systemctl start cups` : `${sudo}cupsd`)
  if (result.createQueue) commands.push(`${sudo}lpadmin -p ${result.createQueue} -E -v cups-pdf:/ -m ${PPD_MODEL}`)
  return [...commands, ...result.fixes]
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)

/** As root: what .ci/run did, step by step, each step said before it runs. */
function setUp(result, { env, out, options }) {
  const path = [env.PATH ?? '', ...(options.sbinDirs ?? SBIN_DIRS)].filter(Boolean).join(delimiter)
  const run = (command, args, extraEnv = {}) => {
    out(`Eseguo: ${[command, ...args].join(' ')}`)
    const r = spawnSync(command, args, { env: { ...env, PATH: path, ...extraEnv }, stdio: ['ignore', 'ignore', 'inherit'], timeout: 20 * 60_000 })
    if (r.error) out(`${command}: ${r.error.message}`)
    return r.status === 0
  }
  if (result.packages.length > 0) {
    const apt = { DEBIAN_FRONTEND: 'noninteractive' }
    if (!run('apt-get', ['update', '-qq'], apt) || !run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...result.packages], apt)) {
      out('apt-get install non riuscito')
      return
    }
  }
  let now = checkSystem({ ...options, env })
  if (now.startScheduler) {
    const systemd = options.systemd ?? existsSync('/run/systemd/system')
    if (!(systemd && run('systemctl', ['start', 'cups']))) run('cupsd', [])
    for (let i = 0; i < 20 && now.startScheduler; i++) {
      sleep(500)
      now = checkSystem({ ...options, env })
    }
    if (now.startScheduler) out('Il servizio di stampa CUPS non si avvia')
  }
  if (now.createQueue && !now.startScheduler) {
    if (!run('lpadmin', ['-p', now.createQueue, '-E', '-v', 'cups-pdf:/', '-m', PPD_MODEL])) out(`Coda di stampa ${now.createQueue} non creata`)
  }
}

/**
 * The script: returns the exit code. `root` (default: this process's uid) decides whether it sets
 * up or only prints; `--check` never sets up. Options other than these go to checkSystem.
 */
export function main(argv = [], options = {}) {
  const env = options.env ?? process.env
  const out = options.out ?? ((line) => console.log(line))
  const root = options.root ?? process.getuid?.() === 0
  const checkOnly = argv.includes('--check')
  const result = checkSystem({ ...options, env })
  if (result.missing.length === 0) {
    out(`Sistema pronto per i test: Chromium, poppler, zbar, dmtx, socat, CUPS avviato con la coda ${env.SPORTELLO_TEST_PRINTER || DEFAULT_QUEUE}.`)
    return 0
  }
  const list = (r) => {
    out('Manca quanto serve ai test (README, "Tests"):')
    for (const item of r.missing) out(`  - ${item}`)
  }
  list(result)
  if (checkOnly || !root) {
    out(checkOnly ? 'Comandi per predisporlo:' : 'Nessun test eseguito. Eseguire (oppure `npm test` come root, che lo fa da sé):')
    for (const command of setUpCommands(result, { root, systemd: options.systemd })) out(`  ${command}`)
    return 1
  }
  setUp(result, { env, out, options })
  const after = checkSystem({ ...options, env })
  if (after.missing.length === 0) {
    out('Sistema pronto per i test.')
    return 0
  }
  list(after)
  out('Ancora da fare:')
  for (const command of setUpCommands(after, { root, systemd: options.systemd })) out(`  ${command}`)
  return 1
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2))
}
