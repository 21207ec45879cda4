import { afterAll, describe, expect, it } from 'vitest'
import { createSessions } from '../../src-main/core/auth/session'
import { hashPassword, verifyPassword } from '../../src-main/core/auth/passwords'
import { createDebtorRegistry } from '../../src-main/core/debtors/registry'
import { csvHeader, csvRows } from '../../src-main/core/dues/export-csv'
import { createDueSearch } from '../../src-main/core/dues/search'
import { createDueTypes } from '../../src-main/core/settings/due-types'
import { createSettingsStore } from '../../src-main/core/settings/settings'
import { SearchDuesInput } from '../../src-main/contract/dues'
import { italian } from '../../src-main/contract/messages'
import { openDemoDatabase } from '../helpers/demo-db'

const db = openDemoDatabase(300)
afterAll(db.cleanup)

describe('CSV export for Excel on an Italian PC', () => {
  it('writes BOM, semicolons, decimal commas, Italian dates and codes kept as text', () => {
    const rows = createDueSearch(db.sqlite)(SearchDuesInput.parse({ text: '', pageSize: 3 })).rows
    const csv = csvHeader() + csvRows(rows)
    expect(csv.startsWith('\uFEFFNumero avviso;IUV;')).toBe(true)
    const lines = csv.trimEnd().split('\r\n')
    expect(lines).toHaveLength(4)
    const first = lines[1]!.split(';')
    expect(first[0]).toMatch(/^="3\d{3} \d{4} \d{4} \d{4} \d{2}"$/)
    expect(first[7]).toMatch(/^\d+,\d{2}$/)
    expect(first[8]).toMatch(/^\d{2}\/\d{2}\/\d{4}$/)
  })
  it('quotes fields that hold separators', () => {
    const [row] = createDueSearch(db.sqlite)(SearchDuesInput.parse({ text: '', pageSize: 1 })).rows
    expect(csvRows([{ ...row!, causale: 'TARI; "saldo"' }])).toContain('"TARI; ""saldo"""')
  })
})

describe('due types', () => {
  const types = createDueTypes(db.sqlite)
  it('exports and imports JSON, refusing a bad IBAN or taxonomy without changing anything', () => {
    const exported = types.exportJson()
    const list = JSON.parse(exported) as { code: string; label: string; iban: string }[]
    expect(list.length).toBe(10)
    list[0]!.label = 'Etichetta cambiata'
    expect(types.importJson(JSON.stringify(list))).toEqual({ imported: 10 })
    expect(types.list().find((t) => t.code === list[0]!.code)!.label).toBe('Etichetta cambiata')
    const broken = [...list, { ...list[1]!, code: 'NUOVO', iban: 'IT00X0000000000000000000000' }]
    expect(() => types.importJson(JSON.stringify(broken))).toThrow(/NUOVO: IBAN non valido/)
    expect(types.list().some((t) => t.code === 'NUOVO')).toBe(false)
    expect(() => types.save({ ...list[1]!, code: 'ALTRO', taxonomyCode: '9/01XX', iban: list[1]!.iban as string, postalIban: null, postalAccount: null, defaultAmountCents: null, causaleTemplate: '', installmentsAllowed: false, active: true } as never)).toThrow(/tassonomia/)
  })
})

describe('registry of citizens', () => {
  const registry = createDebtorRegistry(db.sqlite)
  it('imports a CSV with ; or , and reports bad rows by line', () => {
    const csv = '\uFEFFcodice_fiscale;cognome;nome;indirizzo;civico;cap;comune;provincia;email\n' +
      'VRDGPP80A01H501U;Verdi;Giuseppe;Via Roma;1;00060;Valdoria;rm;g.verdi@example.it\n' +
      'VRDGPP80A01H501X;Verdi;Sbagliato;;;;;;\n' +
      '01199250158;;;Piazza Duomo;1;20121;Milano;MI;\n'
    const result = registry.importCsv(csv)
    expect(result.imported).toBe(1)
    expect(result.errors.map((e) => e.line)).toEqual([3, 4])
    expect(italian(result.errors[0]!.message)).toMatch(/carattere di controllo/)
    expect(italian(result.errors[1]!.message)).toMatch(/ragione sociale/)
    const comma = registry.importCsv('codice_fiscale,ragione_sociale,comune\n01199250158,Comune di Milano,Milano\n')
    expect(comma).toMatchObject({ imported: 1, errors: [] })
  })
  it('finds citizens by surname prefix in any case, and by fiscal code', () => {
    expect(registry.search('verdi g', 5).map((d) => d.fiscalCode)).toEqual(['VRDGPP80A01H501U'])
    expect(registry.search('VERD', 5)[0]).toMatchObject({ fullName: 'VERDI GIUSEPPE', province: 'RM', email: 'g.verdi@example.it', source: 'registry' })
    expect(registry.search('vrdgpp80a01h501u', 5)).toHaveLength(1)
    expect(registry.search('comune di', 5).map((d) => d.type)).toEqual(['G'])
  })
})

describe('operators, passwords and roles', () => {
  it('hashes with scrypt and verifies only the right password', async () => {
    const hash = await hashPassword('una password lunga')
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/)
    expect(await verifyPassword('una password lunga', hash)).toBe(true)
    expect(await verifyPassword('una password lungA', hash)).toBe(false)
  })
  it('signs in, enforces permissions, and keeps at least one role able to manage settings', async () => {
    const settings = createSettingsStore(db.sqlite)
    const sessions = createSessions(db.sqlite, settings, {})
    expect(() => sessions.require('dues.edit')).toThrow(/Accedere/)
    await sessions.save({ username: 'anna', displayName: 'Anna', role: 'operatore', password: 'password-lunga-1', active: true })
    await expect(sessions.login('anna', 'sbagliata')).rejects.toThrow('Nome utente o password non corretti.')
    await expect(sessions.login('nessuno', 'x')).rejects.toThrow('Nome utente o password non corretti.')
    expect((await sessions.login('anna', 'password-lunga-1')).operator).toMatchObject({ displayName: 'Anna', role: 'operatore' })
    expect(() => sessions.require('dues.delete')).toThrow('Il ruolo operatore non consente di eliminare o annullare dovuti.')
    sessions.saveRoles({ ...sessions.roles(), operatore: ['dues.create', 'dues.delete'] })
    expect(() => sessions.require('dues.delete')).not.toThrow()
    expect(() => sessions.saveRoles({ operatore: [], amministratore: [] })).toThrow(/impostazioni/)
    expect(sessions.operatorName()).toBe('Anna')
  })
})
