// Linux and macOS: CUPS through its own commands (lpstat, lp), called with execFile: arguments
// go as they are, a printer called "x; rm -rf" is just a printer that does not exist.
import { execFile } from 'node:child_process'
import { PrintError, type PrinterInfo, type PrintSystem } from './printer'

interface Run {
  stdout: string
  stderr: string
  code: number
}

function run(command: string, args: string[], timeoutMs = 15_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: timeoutMs, env: { ...process.env, LANG: 'C', LC_ALL: 'C' } }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : -1) : 0
      resolve({ stdout: String(stdout), stderr: String(stderr) || (error && code === -1 ? error.message : ''), code })
    })
  })
}

function spoolerDown(text: string): boolean {
  return /scheduler is not running|Unable to connect|No such file|ENOENT|not found/i.test(text)
}

export function createCupsPrintSystem(): PrintSystem {
  function states(result: { stdout: string }): Map<string, string> {
    const map = new Map<string, string>()
    for (const line of result.stdout.split('\n')) {
      const m = /^printer (\S+) (?:is )?(.*)$/.exec(line.trim())
      if (m) map.set(m[1]!, /disabled/.test(m[2]!) ? 'disabled' : /printing/.test(m[2]!) ? 'printing' : 'idle')
    }
    return map
  }

  return {
    async list(): Promise<PrinterInfo[]> {
      // Names, default and states at once: this runs before every print job.
      const [names, def, printers] = await Promise.all([run('lpstat', ['-e']), run('lpstat', ['-d']), run('lpstat', ['-p'])])
      if (names.code !== 0) {
        if (spoolerDown(names.stderr)) throw new PrintError('notices.printing.cupsUnavailable')
        return []
      }
      const defaultName = /system default destination: (\S+)/.exec(def.stdout)?.[1] ?? null
      const stateOf = states(printers)
      return names.stdout
        .split('\n')
        .map((n) => n.trim())
        .filter(Boolean)
        .map((name) => ({ name, isDefault: name === defaultName, state: stateOf.get(name) ?? 'sconosciuto' }))
    },

    async printPdf(file: string, printer: string): Promise<{ jobId: string }> {
      const printers = await this.list()
      const target = printers.find((p) => p.name === printer)
      if (!target) {
        throw printers.length
          ? new PrintError('notices.printing.printerMissingAmong', { printer, printers: printers.map((p) => p.name).join(', ') })
          : new PrintError('notices.printing.noPrinters')
      }
      if (target.state === 'disabled') throw new PrintError('notices.printing.printerPaused', { printer })
      const result = await run('lp', ['-d', printer, '-t', 'Avviso di pagamento pagoPA', '--', file])
      if (result.code !== 0) {
        if (spoolerDown(result.stderr)) throw new PrintError('notices.printing.cupsUnavailable')
        const detail = result.stderr.trim()
        throw detail ? new PrintError('notices.printing.refused', { printer, detail }) : new PrintError('notices.printing.refusedUnknown', { printer })
      }
      const jobId = /request id is (\S+)/.exec(result.stdout)?.[1] ?? ''
      return { jobId }
    }
  }
}
