// The audit log is append-only (SQLite refuses to change or remove an entry) and tamper-evident
// (each entry chained to the previous one by its hash): `sportello audit verify` finds the first
// entry changed or removed behind SQLite's back.
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createAuditLog, verifyAuditChain } from '../../src-main/core/audit/audit-log'
import { openDatabase } from '../../src-main/core/db/open'
import { DATABASE_FILE } from '../../src-main/core/paths'
import { MIGRATIONS, tempDir } from '../helpers/paths'
import { runCli } from '../helpers/processes'

let cleanup: (() => void)[] = []
afterEach(() => {
  for (const c of cleanup.reverse()) c()
  cleanup = []
})

function cacheWithHistory() {
  const dir = tempDir()
  const database = openDatabase(join(dir.dir, DATABASE_FILE), { migrationsFolder: MIGRATIONS })
  cleanup.push(dir.cleanup)
  const audit = createAuditLog(database.sqlite)
  for (let i = 1; i <= 5; i++) {
    audit.append({ operator: 'Mario Rossi', action: 'update', entity: 'position', entityKey: `VLD-TARI-2026-${i}`, before: { amountCents: 1000 * i }, after: { amountCents: 900 * i }, reason: `riduzione ${i}` })
  }
  return { dir: dir.dir, database }
}

describe('the audit log', () => {
  it('refuses to change or remove an entry, even from SQL', () => {
    const { database } = cacheWithHistory()
    expect(() => database.sqlite.prepare("UPDATE audit_log SET reason = 'altro' WHERE id = 2").run()).toThrow('Il registro di audit non si può modificare')
    expect(() => database.sqlite.prepare('DELETE FROM audit_log WHERE id = 5').run()).toThrow('si possono solo aggiungere voci')
    expect(verifyAuditChain(database.sqlite)).toMatchObject({ ok: true, entries: 5, problem: null })
    database.close()
  })

  it('shows an entry changed or removed behind SQLite’s back, from the command line too', async () => {
    const { dir, database } = cacheWithHistory()
    const sound = await runCli(['audit', 'verify', '--data', dir])
    expect(sound.code, sound.stderr).toBe(0)
    expect(sound.stdout).toMatch(/^Registro di audit integro: 5 voci\. Impronta dell'ultima voce: [0-9a-f]{64}$/m)

    // Someone with the file and a SQLite shell: drops the guard and rewrites an amount.
    database.sqlite.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete')
    database.sqlite.prepare(`UPDATE audit_log SET after_json = '{"amountCents":1}' WHERE id = 3`).run()
    expect(verifyAuditChain(database.sqlite).problem).toMatchObject({ id: 3, message: 'la voce 3 è stata modificata dopo la scrittura' })
    database.close()
    const changed = await runCli(['audit', 'verify', '--data', dir])
    expect(changed.code).toBe(1)
    expect(changed.stdout).toContain('Registro di audit ALTERATO alla voce 3 del')

    // Put back as it was, the entry checks again; removing one breaks the link of the next.
    const again = openDatabase(join(dir, DATABASE_FILE), { migrationsFolder: MIGRATIONS })
    again.sqlite.prepare(`UPDATE audit_log SET after_json = '{"amountCents":2700}' WHERE id = 3`).run()
    expect(verifyAuditChain(again.sqlite).ok).toBe(true)
    again.sqlite.prepare('DELETE FROM audit_log WHERE id = 2').run()
    expect(verifyAuditChain(again.sqlite).problem).toMatchObject({ id: 3, message: expect.stringContaining('non segue la precedente') })
    again.close()
  })
})
