// The desk killed with SIGKILL at random moments of POS payments, 200 times, then restarted: every
// approved payment ends recorded exactly once, nothing is charged twice, and every outcome the
// crash left open ends recovered or flagged "esito incerto".
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRandom } from '../../src-main/core/demo/random'
import { serveTerminalOnTcp, type ServedTerminal } from '../../src-main/core/pos/serve-simulator'
import { openDemoDatabase } from '../helpers/demo-db'
import { ROOT } from '../helpers/paths'

const RUNS = Number(process.env.POS_CRASH_RUNS ?? 200)
const db = openDemoDatabase(400)
let pos: ServedTerminal
const worker = join(ROOT, 'test', 'helpers', 'pos-worker.ts')

beforeAll(async () => {
  pos = await serveTerminalOnTcp({ scenario: 'approve', stepMs: 250, keepReceiptText: true })
})
afterAll(async () => {
  await pos.close()
  db.cleanup()
})

function runWorker(nav: string, killAfterMs: number | null): Promise<string> {
  return new Promise((resolve) => {
    // tsx's loader inside the worker's own process: tsx's CLI would run the desk in a child of its
    // own, and SIGKILL on the CLI would leave that child paying on, next to the restarted one.
    const child = spawn(process.execPath, ['--import', 'tsx', worker, join(db.sqlite.name, '..'), pos.address, nav], { cwd: ROOT })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs)
    child.on('exit', () => {
      if (timer) clearTimeout(timer)
      resolve(out)
    })
  })
}

describe('POS payments under SIGKILL', () => {
  it(`keeps every payment exactly once over ${RUNS} killed runs`, async () => {
    const navs = db.sqlite
      .prepare("SELECT o.nav FROM payment_options o JOIN positions p ON p.id = o.position_id WHERE p.status = 'VALID' AND o.installment_no = 0 AND (SELECT count(*) FROM payment_options x WHERE x.position_id = p.id) = 1")
      .pluck()
      .all() as string[]
    expect(navs.length).toBeGreaterThan(40)
    const rng = createRandom(2026)
    // A worker starts in ~0.5 s; kills land before, during and after the payment.
    let recoveredAfterKill = 0
    for (let run = 0; run < RUNS; run++) {
      const out = await runWorker(navs[run % navs.length]!, 500 + rng.int(0, 1_200))
      recoveredAfterKill += JSON.parse(/recovered (\[.*\])/.exec(out)?.[1] ?? '[]').length
    }
    const final = await runWorker('-', null)
    expect(final).toMatch(/^recovered /m)

    const journal = db.sqlite.prepare('SELECT id, nav, state FROM pos_journal').all() as { id: string; nav: string; state: string }[]
    expect(journal.length).toBeGreaterThan(20)
    expect(journal.filter((j) => j.state === 'sending' || j.state === 'unknown')).toEqual([])

    const charged = pos.simulator.charges.map((c) => /Avviso (\d{18})/.exec(c.receiptText ?? '')?.[1])
    expect(charged.every(Boolean)).toBe(true)
    // Nothing charged twice.
    expect(new Set(charged).size).toBe(charged.length)
    // Every charge recorded exactly once on its due, as a POS desk payment.
    const recorded = db.sqlite
      .prepare("SELECT o.nav, count(*) AS n FROM desk_payments d JOIN payment_options o ON o.id = d.option_id WHERE d.channel = 'pos-integrato' GROUP BY o.nav")
      .all() as { nav: string; n: number }[]
    const uncertain = new Set(journal.filter((j) => j.state === 'uncertain').map((j) => j.nav))
    expect(recorded.every((r) => r.n === 1)).toBe(true)
    const recordedNavs = new Set(recorded.map((r) => r.nav))
    for (const nav of charged) expect(recordedNavs.has(nav!) || uncertain.has(nav!)).toBe(true)
    for (const nav of recordedNavs) expect(charged).toContain(nav)
    // Each approved journal entry is one charge; the kills did happen at every stage.
    expect(journal.filter((j) => j.state === 'approved').length).toBe(recorded.length)
    // The kills did land in the middle of payments: later runs had outcomes to recover.
    expect(recoveredAfterKill + JSON.parse(/recovered (\[.*\])/.exec(final)?.[1] ?? '[]').length).toBeGreaterThan(0)
  }, 900_000)
})
