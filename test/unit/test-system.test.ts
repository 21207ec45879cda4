// `npm test` checks the system tools and services first (scripts/test-system.mjs, the `pretest`
// script; .ci/run sets up through the same file). Here the check runs with a PATH and files where
// some tools are absent, and lists exactly those, with the commands; nothing is installed: the
// set-up branch only runs as root, and these runs are either `--check` or not root.
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkSystem, main, PACKAGES, SBIN_DIRS } from '../../scripts/test-system.mjs'
import { ROOT, tempDir } from '../helpers/paths'

const { dir, cleanup } = tempDir('sportello-system-')
afterAll(cleanup)

/** The real location of a command on this machine (the check itself said it is there). */
function real(command: string): string {
  const found = [...(process.env.PATH ?? '').split(delimiter), ...SBIN_DIRS].map((d) => join(d, command)).find((p) => existsSync(p))
  if (!found) throw new Error(`${command} non trovato`)
  return found
}

/** A PATH directory holding only the given real commands, plus a fake apt-get and systemctl that record being run. */
function pathWith(name: string, commands: string[]): { path: string; ran: string } {
  const bin = join(dir, name)
  mkdirSync(bin)
  for (const command of commands) symlinkSync(real(command), join(bin, command))
  const ran = join(dir, `${name}.ran`)
  for (const fake of ['apt-get', 'systemctl']) {
    writeFileSync(join(bin, fake), `#!/bin/sh\necho "${fake} $*" >> '${ran}'\n`)
    chmodSync(join(bin, fake), 0o755)
  }
  return { path: bin, ran }
}

const nowhere = (file: string) => join(dir, 'nowhere', file)
const QUEUE_COMMAND = 'lpadmin -p SportelloPDF -E -v cups-pdf:/ -m lsb/usr/cups-pdf/CUPS-PDF_opt.ppd'

describe('the system check before npm test', () => {
  it('on a machine with nothing installed lists every tool, CUPS and the queue, prints the sudo commands and runs nothing', () => {
    const { path, ran } = pathWith('empty', [])
    const lines: string[] = []
    const code = main([], {
      root: false,
      systemd: false,
      env: { PATH: path, HOME: dir },
      sbinDirs: [],
      files: { chromium: nowhere('chromium'), cupsPdfBackend: nowhere('cups-pdf'), cupsPdfPpd: nowhere('CUPS-PDF_opt.ppd') },
      out: (line) => lines.push(line)
    })
    expect(code).toBe(1)
    expect(lines).toEqual([
      'Manca quanto serve ai test (README, "Tests"):',
      `  - Chromium (${nowhere('chromium')}) (pacchetto chromium)`,
      '  - pdftoppm (pacchetto poppler-utils)',
      '  - pdftotext (pacchetto poppler-utils)',
      '  - zbarimg (pacchetto zbar-tools)',
      '  - dmtxread (pacchetto dmtx-utils)',
      '  - socat (pacchetto socat)',
      '  - lp (pacchetto cups)',
      '  - lpstat (pacchetto cups)',
      '  - lpadmin (pacchetto cups)',
      '  - cupsd (pacchetto cups)',
      `  - backend di stampa cups-pdf (${nowhere('cups-pdf')}) (pacchetto printer-driver-cups-pdf)`,
      `  - modello di stampante CUPS-PDF (${nowhere('CUPS-PDF_opt.ppd')}) (pacchetto printer-driver-cups-pdf)`,
      '  - il servizio di stampa CUPS (lpstat manca: non verificabile)',
      '  - la coda di stampa SportelloPDF (CUPS non avviato: non verificabile)',
      'Nessun test eseguito. Eseguire (oppure `npm test` come root, che lo fa da sé):',
      '  sudo apt-get update',
      `  sudo apt-get install -y --no-install-recommends ${PACKAGES.join(' ')}`,
      '  sudo cupsd',
      `  sudo ${QUEUE_COMMAND}`
    ])
    expect(PACKAGES).toEqual(['chromium', 'poppler-utils', 'zbar-tools', 'dmtx-utils', 'cups', 'printer-driver-cups-pdf', 'socat'])
    // Not root: the fake apt-get and systemctl on PATH were never run.
    expect(existsSync(ran)).toBe(false)
  })

  it('with some tools present lists only the others, and a CHROMIUM_PATH pointing nowhere', () => {
    const { path } = pathWith('some', ['pdftoppm', 'pdftotext', 'socat', 'lp', 'lpstat', 'lpadmin', 'cupsd'])
    const env = { PATH: path, HOME: dir, CHROMIUM_PATH: nowhere('chrome') }
    const result = checkSystem({ env, sbinDirs: [] })
    expect(result).toEqual({
      missing: [`Chromium: CHROMIUM_PATH=${nowhere('chrome')} non è un eseguibile`, 'zbarimg (pacchetto zbar-tools)', 'dmtxread (pacchetto dmtx-utils)'],
      packages: ['zbar-tools', 'dmtx-utils'],
      startScheduler: false,
      createQueue: null,
      fixes: ['unset CHROMIUM_PATH   # per usare /usr/bin/chromium, oppure CHROMIUM_PATH=<un Chromium esistente>']
    })
    const lines: string[] = []
    expect(main(['--check'], { env, sbinDirs: [], systemd: true, root: false, out: (line) => lines.push(line) })).toBe(1)
    expect(lines.slice(lines.indexOf('Comandi per predisporlo:') + 1)).toEqual([
      '  sudo apt-get update',
      '  sudo apt-get install -y --no-install-recommends zbar-tools dmtx-utils',
      '  unset CHROMIUM_PATH   # per usare /usr/bin/chromium, oppure CHROMIUM_PATH=<un Chromium esistente>'
    ])
  })

  it('a missing queue or a stopped scheduler gives the commands that create or start them', () => {
    const env = { PATH: process.env.PATH, HOME: dir, SPORTELLO_TEST_PRINTER: 'CodaCheNonCe' }
    const result = checkSystem({ env })
    expect(result.missing).toEqual(['la coda di stampa CodaCheNonCe non esiste'])
    const lines: string[] = []
    expect(main(['--check'], { env, root: false, out: (line) => lines.push(line) })).toBe(1)
    expect(lines.at(-1)).toBe('  sudo lpadmin -p CodaCheNonCe -E -v cups-pdf:/ -m lsb/usr/cups-pdf/CUPS-PDF_opt.ppd')
  })

  it('the script, run as npm test runs it, stops with the list when tools are missing', () => {
    const { path } = pathWith('child', [])
    const child = spawnSync(process.execPath, [join(ROOT, 'scripts', 'test-system.mjs'), '--check'], {
      env: { PATH: path, HOME: dir },
      encoding: 'utf8'
    })
    expect(child.status).toBe(1)
    expect(child.stdout).toContain('  - zbarimg (pacchetto zbar-tools)\n')
    expect(child.stdout).toContain('Comandi per predisporlo:\n')
    expect(child.stdout).toMatch(/apt-get install -y --no-install-recommends poppler-utils zbar-tools dmtx-utils cups socat\n/)
  })

  it('on this machine (npm test ran the check first) nothing is missing', () => {
    expect(checkSystem().missing).toEqual([])
    expect(execFileSync(process.execPath, [join(ROOT, 'scripts', 'test-system.mjs'), '--check'], { encoding: 'utf8' })).toMatch(/^Sistema pronto per i test/)
  })
})
