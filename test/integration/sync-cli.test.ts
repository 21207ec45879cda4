// The command line against a simulator in another process, over real HTTP: a sync killed with
// SIGKILL half-way leaves a sound cache that the next run brings level with the backend.
import Database from 'better-sqlite3'
import { spawn, type ChildProcess } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSimulatorStore } from '../../src-main/core/simulator/store'
import { backendSnapshot, cacheSnapshot } from '../helpers/backend'
import { CLI, ROOT, tempDir } from '../helpers/paths'
import { runCli, simulateBackend } from '../helpers/processes'

const simData = tempDir()
const cache = tempDir()
let sim: ChildProcess
let url: string

beforeAll(async () => {
  ;({ url: url, child: sim } = await simulateBackend(['--data', simData.dir, '--seed', '4000', '--latency-ms', '1']))
}, 120_000)

afterAll(() => {
  sim.kill('SIGKILL')
  simData.cleanup()
  cache.cleanup()
})

function backend() {
  const store = openSimulatorStore(join(simData.dir, 'simulator.db'))
  try {
    return backendSnapshot({ store } as never)
  } finally {
    store.close()
  }
}

function killSyncAfter(progressLines: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'sync', '--full', '--data', cache.dir, '--backend', url], { cwd: ROOT })
    let lines = 0
    child.stderr.on('data', (d: Buffer) => {
      lines += d.toString().split('\n').filter((l) => l.startsWith('[full]')).length
      if (lines >= progressLines && child.exitCode === null) child.kill('SIGKILL')
    })
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`sync ended on its own (${code}) before the kill`))))
  })
}

describe('sportello sync', () => {
  it('refuses to sync a cache with no ente, saying what to do', async () => {
    const run = await runCli(['sync', '--data', cache.dir, '--backend', url])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/Ente non configurato/)
    const config = await runCli(['config', '--data', cache.dir, '--demo', '--desk', '7'])
    expect(config.code, config.stderr).toBe(0)
    expect(JSON.parse(config.stdout)).toMatchObject({ ente: { fiscalCode: '00723456018' }, desk: { number: 7 }, dueTypes: 10 })
  })

  it('survives SIGKILL at any point and converges on the next run', async () => {
    for (const at of [3, 11, 25]) {
      await killSyncAfter(at)
      const db = new Database(join(cache.dir, 'sportello.db'))
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(db.pragma('foreign_key_check')).toEqual([])
      db.close()
    }
    const run = await runCli(['sync', '--full', '--data', cache.dir, '--backend', url], 300_000)
    expect(run.code, run.stderr).toBe(0)
    const summary = JSON.parse(run.stdout)
    expect(summary).toMatchObject({ phase: 'full', positions: 4000, pending: 0 })
    expect(run.stderr).toMatch(/\[full\] \d+\/\d+/)
    const db = new Database(join(cache.dir, 'sportello.db'), { readonly: true })
    expect(cacheSnapshot(db)).toEqual(backend())
    db.close()
  }, 600_000)

  it('creates dues from a JSON file, pushes them, and the backend has them', async () => {
    const due = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10)
    const file = join(cache.dir, 'dues.json')
    writeFileSync(
      file,
      JSON.stringify([
        { dueTypeCode: 'SEGR', causaleFields: { numero: '2026/41' }, amount: '16,00', dueDate: due, debtor: { type: 'F', fiscalCode: 'RSSMRA80A01H501U', fullName: 'ROSSI MARIO' } },
        { dueTypeCode: 'TARI', amount: 30000, dueDate: due, installments: [{ amount: 15000, dueDate: due }, { amount: 15000, dueDate: '2027-12-31' }], debtor: { type: 'G', fiscalCode: '01199250158', fullName: 'Ditta Esempio S.r.l.', email: 'info@esempio.it' } },
        { dueTypeCode: 'SEGR', causaleFields: { numero: '2026/42' }, amount: '5,00', dueDate: due, debtor: { type: 'F', fiscalCode: 'RSSMRA80A01H501X', fullName: 'CF SBAGLIATO' } }
      ])
    )
    const created = await runCli(['dues', 'create', '--data', cache.dir, '--from', file])
    expect(created.code).toBe(1)
    const result = JSON.parse(created.stdout)
    expect(result).toMatchObject({ created: 2, failed: 1 })
    expect(created.stderr).toMatch(/Dovuto n\. 3 non creato: Codice fiscale RSSMRA80A01H501X non valido/)

    const synced = await runCli(['sync', '--data', cache.dir])
    expect(synced.code, synced.stderr).toBe(0)
    expect(JSON.parse(synced.stdout)).toMatchObject({ pushed: 2, pending: 0, conflicts: 0 })
    const onBackend = new Set(backend().map((line) => line.split('|')[0]))
    for (const d of result.dues as { iupd: string }[]) expect(onBackend.has(d.iupd)).toBe(true)
    const db = new Database(join(cache.dir, 'sportello.db'), { readonly: true })
    expect(cacheSnapshot(db)).toEqual(backend())
    db.close()
  }, 120_000)

  it('checks codes from the command line as JSON', async () => {
    const good = await runCli(['check', 'qr', 'PAGOPA|002|302032002700000251|03334231200|11', '--json'])
    expect(JSON.parse(good.stdout)).toEqual({ valid: true, nav: '302032002700000251', enteFiscalCode: '03334231200', amountCents: 11 })
    const bad = await runCli(['check', 'piva', '01199250159', '--json'])
    expect(bad.code).toBe(1)
    expect(JSON.parse(bad.stdout)).toEqual({ valid: false, reason: expect.stringMatching(/controllo/) })
  })
})
