// Every file the desk writes goes inside its data folder: a day's work through the services (a
// due created, its notice saved and printed, paid by POS with its receipt printed, the day
// closed and reported, a citizen's data exported, a backup) leaves the home and temporary
// folders untouched, and the spooler only ever receives files from inside the data folder.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCoreApp, type CoreApp } from '../../src-main/core/app'
import { ROOT, tempDir } from '../helpers/paths'

const data = tempDir()
const outside = mkdtempSync(join(tmpdir(), 'sportello-outside-'))
const home = join(outside, 'home')
const temp = join(outside, 'tmp')
const saved = { HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, USERPROFILE: process.env.USERPROFILE }
const printed: string[] = []
let app: CoreApp

const call = async <T>(method: string, input: unknown = {}): Promise<T> => {
  const result = await app.dispatch(method, input)
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`)
  return result.value as T
}

beforeAll(async () => {
  for (const dir of [home, temp]) rmSync(dir, { recursive: true, force: true })
  for (const dir of [home, temp]) mkdirSync(dir)
  app = await startCoreApp({
    dataDir: data.dir,
    resourcesDir: join(ROOT, 'resources'),
    version: 'test',
    demo: true,
    backgroundSync: false,
    printSystem: async () => ({
      list: async () => [{ name: 'Prova', isDefault: true, state: 'idle' }],
      printPdf: async (file) => {
        printed.push(file)
        return { jobId: String(printed.length) }
      }
    })
  })
  // From here on, anything written to "home" or "temp" would land in these empty folders.
  Object.assign(process.env, { HOME: home, USERPROFILE: home, TMPDIR: temp })
})
afterAll(async () => {
  Object.assign(process.env, saved)
  await app.close()
  data.cleanup()
  rmSync(outside, { recursive: true, force: true })
})

describe('files the desk writes', () => {
  it('stay inside the data folder, whatever the day brings', async () => {
    const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)
    const { iupd } = await call<{ iupd: string }>('dues.create', { dueTypeCode: 'SEGR', causaleFields: { numero: '2026/17' }, amount: 1_250, dueDate: inAMonth, debtor: { type: 'F', fiscalCode: 'RSSMRA80A01H501U', fullName: 'ROSSI MARIO' } })
    await call('notices.pdf', { iupd })
    await call('printers.choose', { name: 'Prova' })
    await call('notices.print', { iupd })
    const due = await call<{ options: { nav: string }[] }>('dues.get', { iupd })
    const outcome = await call<{ id: string; state: string }>('pos.pay', { nav: due.options[0]!.nav })
    expect(outcome.state).toBe('approved')
    await call('pos.printReceipt', { id: outcome.id })
    const closure = await call<{ id: number }>('pos.closeDay')
    await call('pos.report', { closureId: closure.id, format: 'pdf' })
    await call('privacy.export', { fiscalCode: 'RSSMRA80A01H501U' })
    await call('app.about')

    expect(printed).toHaveLength(2)
    for (const file of printed) expect(file.startsWith(join(data.dir, 'stampa'))).toBe(true)
    expect(readdirSync(home)).toEqual([])
    expect(readdirSync(temp)).toEqual([])
  })
})
