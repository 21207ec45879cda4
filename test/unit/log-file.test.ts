// The log rotates, stays small, and holds no citizen's data nor any credential.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { createLogFile, redact } from '../../src-main/core/logging/log-file'
import { tempDir } from '../helpers/paths'

let cleanup: (() => void)[] = []
afterEach(() => {
  for (const c of cleanup.reverse()) c()
  cleanup = []
})

describe('the log', () => {
  it('masks fiscal codes (omocodia too), e-mails, IBANs, card numbers and credentials, and keeps notice numbers', () => {
    const line = redact(
      'Invio a mario.rossi@example.it per RSSMRA80A01H501U e RSSMRA80A0LH5M1U, IBAN IT60 X054 2811 1010 0000 0123 456 / IT60X0542811101000000123456, ' +
        'carta 4111111111111111, avviso 301000000000000144, smtp://tributi:S3greta!@mail.comune.it, Authorization: Bearer abc.def, ' +
        'Ocp-Apim-Subscription-Key: 0123456789abcdef, password=hunter2'
    )
    for (const secret of ['mario.rossi', 'RSSMRA80A01H501U', 'RSSMRA80A0LH5M1U', 'X054 2811', 'X0542811101000000123456', '4111111111111111', 'S3greta!', 'abc.def', '0123456789abcdef', 'hunter2']) {
      expect(line, secret).not.toContain(secret)
    }
    expect(line).toContain('avviso 301000000000000144')
    expect(line).toContain('***@example.it')
    expect(line).toContain('****1111')
  })

  it('rotates at its size, keeps a bounded number of files, one line per entry', () => {
    const dir = tempDir()
    cleanup.push(dir.cleanup)
    const log = createLogFile({ dir: dir.dir, maxBytes: 2_000, keep: 3 })
    for (let i = 0; i < 200; i++) log.write(i % 2 ? 'INFO' : 'ERRORE', `voce ${i}`, i % 2 ? undefined : new Error(`errore ${i}\nsu due righe`))
    const files = readdirSync(dir.dir).sort()
    expect(files).toEqual(['sportello.log', 'sportello.log.1', 'sportello.log.2', 'sportello.log.3'])
    for (const f of files) expect(statSync(`${dir.dir}/${f}`).size).toBeLessThanOrEqual(2_000)
    const last = readFileSync(log.file, 'utf8').trim().split('\n')
    expect(last.at(-1)).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z INFO voce 199$/)
    expect(last.every((l) => /^\d{4}-/.test(l))).toBe(true)
    expect(statSync(log.file).mode & 0o077).toBe(0)
  })
})
