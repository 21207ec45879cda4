import { afterAll, describe, expect, it } from 'vitest'
import { isValidNoticeNumber } from '../../src-main/core/pagopa/notice-number'
import { tempDir } from '../helpers/paths'
import { runCli } from '../helpers/processes'

const data = tempDir()
afterAll(data.cleanup)

describe('sportello command line', () => {
  it('explains itself', async () => {
    const help = await runCli(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('sportello <comando>')
    for (const command of ['serve', 'seed', 'search']) expect(help.stdout).toContain(command)
  })

  it('seeds a cache and searches it as JSON', async () => {
    const seeded = await runCli(['seed', '--data', data.dir, '--dues', '1500', '--seed', '3'])
    expect(seeded.code).toBe(0)
    expect(JSON.parse(seeded.stdout)).toMatchObject({ dues: 1500 })
    expect(seeded.stderr).toContain('100%')

    const found = await runCli(['search', 'ROSSI', '--data', data.dir, '--json'])
    expect(found.code).toBe(0)
    const rows = JSON.parse(found.stdout) as { debtorName: string; causale: string; noticeNumber: string; status: string }[]
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.every((r) => /ROSSI/i.test(r.debtorName + ' ' + r.causale))).toBe(true)
    expect(rows.every((r) => isValidNoticeNumber(r.noticeNumber))).toBe(true)

    const paid = JSON.parse((await runCli(['search', 'ROSSI', '--data', data.dir, '--status', 'paid', '--json'])).stdout) as { status: string }[]
    expect(paid.length).toBeGreaterThan(0)
    expect(paid.every((r) => r.status === 'PAID' || r.status === 'REPORTED')).toBe(true)

    const spaced = rows[0]!.noticeNumber.replace(/(\d{4})(?=\d)/g, '$1 ')
    const one = JSON.parse((await runCli(['search', spaced, '--data', data.dir, '--json'])).stdout) as { noticeNumber: string }[]
    expect(one.map((r) => r.noticeNumber)).toEqual([rows[0]!.noticeNumber])
  })

  it('prints a readable table without --json', async () => {
    const table = await runCli(['search', 'rossi', '--data', data.dir, '--limit', '3'])
    expect(table.stdout.trim().split('\n')).toHaveLength(3)
    expect(table.stdout).toMatch(/\d{4} \d{4} \d{4} \d{4} \d{2}/)
    expect(table.stdout).toMatch(/\d+,\d{2}\s€/)
  })

  it('refuses bad arguments with an Italian message and exit code 2', async () => {
    const cases = [
      ['seed', '--dues', '10'],
      ['seed', '--data', data.dir, '--dues', 'many'],
      ['search', 'x', '--status', 'maybe', '--data', data.dir],
      ['frobnicate']
    ]
    for (const args of cases) {
      const run = await runCli(args)
      expect(run.code, args.join(' ')).toBe(2)
      expect(run.stderr).toMatch(/Errore|sconosciuto/)
    }
  })
})
