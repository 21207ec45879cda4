// Finding the citizen in the new-due wizard (issue 12), in a real Chromium on the demo (embedded
// simulator): the name's words in any order and as prefixes, more than 8 results each with birth
// data from the fiscal code and the dues on record; and a known fiscal code typed with other data
// asks which to keep, field by field, by keyboard, and the choice is what the due and the desk's
// record of the citizen get. axe-core checks each new state (WCAG 2.1 AA).
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DebtorInfo, DueDetail, RegistryImportResult } from '../../src-main/contract/desk'
import { computePersonFiscalCode } from '../../src-main/core/pagopa/fiscal-code'
import { seriousViolations } from '../helpers/axe'
import { launchChromium, screenshotPath } from '../helpers/browser'
import { tempDir } from '../helpers/paths'
import { serve, type Served } from '../helpers/processes'

const data = tempDir()
let served: Served
let browser: Browser
let page: Page

async function rpc<T>(method: string, input: unknown): Promise<T> {
  const res = await fetch(`${served.origin}/rpc/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${served.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(input) })
  const body = (await res.json()) as { ok: boolean; value: T }
  if (!body.ok) throw new Error(JSON.stringify(body))
  return body.value
}

async function expectAccessible(name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(name), fullPage: true })
  expect(await seriousViolations(page), name).toEqual([])
}

/** RUSSO FILIPPO, born in Milano on 21 June 1975, and eleven more RUSSO of the registry: twelve for "russ". */
const RUSSO = computePersonFiscalCode({ surname: 'Russo', givenName: 'Filippo', sex: 'M', birthDate: { year: 1975, month: 6, day: 21 }, birthPlaceCode: 'F205' })
const OTHERS = ['Anna', 'Bruno', 'Carla', 'Dario', 'Elena', 'Franco', 'Giulia', 'Luca', 'Marta', 'Nicola', 'Olga'].map((given, i) => ({
  given,
  code: computePersonFiscalCode({ surname: 'Russo', givenName: given, sex: i % 2 ? 'M' : 'F', birthDate: { year: 1960 + i, month: 1 + i, day: 10 + i }, birthPlaceCode: 'H501' })
}))

/** Steps 1 and 2 of the wizard for a due type without causale fields: straight to the debtor. */
async function toDebtorStep(): Promise<void> {
  // From another screen: a wizard already open would stay on its step.
  await page.goto(`${served.origin}/#/`)
  await page.getByRole('searchbox').waitFor()
  await page.goto(`${served.origin}/#/nuovo`)
  await page.getByLabel('Tipo di dovuto').selectOption('CIE')
  await page.getByRole('button', { name: 'Avanti' }).click()
  await page.getByTestId('generated-codes').locator('li').first().waitFor()
  await page.getByRole('button', { name: 'Avanti' }).click()
  await page.getByRole('heading', { name: /^Passo 3 di 4/ }).waitFor()
}

beforeAll(async () => {
  served = await serve(['--demo', '--data', data.dir])
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'it-IT' })
  await page.goto(served.url)
  await page.locator('[data-testid=results]').waitFor({ timeout: 60_000 })
  const csv = [
    'codice_fiscale;cognome;nome;indirizzo;civico;cap;comune;provincia;email;telefono',
    `${RUSSO};Russo;Filippo;Via Garibaldi;12;20121;Milano;MI;filippo.russo@example.it;0212345678`,
    ...OTHERS.map((o) => `${o.code};Russo;${o.given};Via Appia;${o.given.length};00100;Roma;RM;;`)
  ].join('\n')
  expect(await rpc<RegistryImportResult>('debtors.import', { csv })).toMatchObject({ errors: [] })
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await served?.stop()
  data.cleanup()
})

describe('the debtor of a new due', () => {
  it('is found by the words of the name in any order, as prefixes, among more than 8, with birth data and dues', async () => {
    await toDebtorStep()
    const search = page.getByLabel('Cerca tra i cittadini già noti')
    const matches = page.locator('#w-debtor-matches .match')

    await search.fill('russ')
    await expect.poll(() => matches.count()).toBeGreaterThan(8)
    expect(await matches.count()).toBeLessThanOrEqual(20)
    expect(await matches.count()).toBeGreaterThanOrEqual(1 + OTHERS.length)

    // Any order, prefixes: the citizen is among the matches, and every match has each word's prefix
    // (the demo's random citizens may include another Filippo Russo).
    // The list shown until the answer arrives is the previous query's (which has the citizen too):
    // wait for a list in which every match has every word.
    for (const text of ['filippo russo', 'russo filippo', 'russ fil']) {
      await search.fill(text)
      const words = text.split(' ').map((word) => new RegExp(`(^|[^\\p{L}])${word}`, 'iu'))
      const answered = async () => {
        const shown = await matches.allInnerTexts()
        return shown.some((m) => m.includes(RUSSO)) && shown.every((m) => words.every((w) => w.test(m)))
      }
      await expect.poll(answered, { message: text, timeout: 10_000 }).toBe(true)
    }
    // The fiscal code, whole or its first characters: this citizen only.
    for (const text of [RUSSO, RUSSO.slice(0, 11)]) {
      await search.fill(text)
      await expect.poll(() => matches.count(), { message: text }).toBe(1)
      expect(await matches.first().innerText()).toContain(RUSSO)
    }
    const shown = await matches.first().innerText()
    expect(shown).toContain('RUSSO FILIPPO')
    expect(shown).toContain('nato/a il 21/06/1975 a MILANO (MI)')
    expect(shown).toContain('Via Garibaldi 12, 20121 Milano (MI)')
    expect(shown).toContain('nessun dovuto')
    await expectAccessible('debtor-search-matches')

    // By keyboard: the arrow from the search box to the citizen, Enter chooses.
    await search.press('ArrowDown')
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('match'))).toBe(true)
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByLabel('Codice fiscale / partita IVA *').inputValue()).toBe(RUSSO)
    expect(await page.getByLabel('E-mail').inputValue()).toBe('filippo.russo@example.it')
    // Chosen as known: nothing to ask, straight to the summary.
    await page.getByRole('button', { name: 'Avanti' }).click()
    await page.getByRole('heading', { name: /^Passo 4 di 4/ }).waitFor()
    expect(await page.getByTestId('debtor-conflict').count()).toBe(0)
    await page.getByRole('button', { name: 'Salva il dovuto' }).click()
    await page.getByTestId('due-iupd').waitFor()

    // The due is now on record for the citizen.
    await toDebtorStep()
    await page.getByLabel('Cerca tra i cittadini già noti').fill('filippo russo')
    await expect.poll(async () => (await page.locator('#w-debtor-matches .match').allInnerTexts()).find((m) => m.includes(RUSSO)) ?? '').toContain('1 dovuto')
  })

  it('asks which data to keep when a known fiscal code comes with other data, and keeps the choice', async () => {
    await toDebtorStep()
    await page.getByLabel('Codice fiscale / partita IVA *').fill(RUSSO)
    await page.getByLabel('Cognome e nome / ragione sociale *').fill('Russo Filippo')
    await page.getByLabel('Indirizzo').fill('Corso Italia')
    await page.getByLabel('E-mail').fill('f.russo@example.it')
    await page.getByRole('button', { name: 'Avanti' }).click()

    const panel = page.getByTestId('debtor-conflict')
    await panel.waitFor()
    // Still on the debtor's step, the question's heading focused for the keyboard.
    expect(await page.getByRole('heading', { name: /^Passo 3 di 4/ }).count()).toBe(1)
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('debtor-conflict-title')
    // Field by field: the name differs only in case, so it is not asked; the rest are.
    const asked = await panel.locator('fieldset').evaluateAll((sets) => sets.map((s) => s.getAttribute('data-field')))
    expect(asked).toEqual(['streetName', 'civicNumber', 'postalCode', 'city', 'province', 'email', 'phone'])
    const emailChoice = panel.locator('fieldset[data-field=email]')
    expect(await emailChoice.innerText()).toMatch(/Già noto: filippo\.russo@example\.it \(dato del \d{2}\/\d{2}\/\d{4}\)/)
    expect(await emailChoice.innerText()).toContain('Inserito ora: f.russo@example.it')
    expect(await panel.locator('fieldset[data-field=civicNumber]').innerText()).toContain('Inserito ora: (vuoto)')
    const apply = panel.getByRole('button', { name: 'Tieni i dati scelti e prosegui' })
    expect(await apply.isDisabled()).toBe(true)
    await expectAccessible('debtor-conflict')

    // By keyboard: from the heading, Tab reaches each field's first choice (the known value);
    // Space takes it, an arrow moves to the typed one.
    await page.keyboard.press('Tab')
    await page.keyboard.press('Space') // streetName: known
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab')
      await page.keyboard.press('Space') // civicNumber, postalCode, city, province, email: known…
    }
    await page.keyboard.press('ArrowDown') // …except the e-mail: the one typed
    await page.keyboard.press('Tab')
    await page.keyboard.press('Space') // phone: known
    expect(await apply.isDisabled()).toBe(false)
    await apply.focus()
    await page.keyboard.press('Enter')

    await page.getByRole('heading', { name: /^Passo 4 di 4/ }).waitFor()
    await page.getByRole('button', { name: 'Indietro' }).click()
    expect(await page.getByLabel('E-mail').inputValue()).toBe('f.russo@example.it')
    expect(await page.getByLabel('Indirizzo').inputValue()).toBe('Via Garibaldi')
    expect(await page.getByLabel('Telefono').inputValue()).toBe('0212345678')
    // The same data again: nothing more to ask.
    await page.getByRole('button', { name: 'Avanti' }).click()
    await page.getByRole('heading', { name: /^Passo 4 di 4/ }).waitFor()
    await page.getByRole('button', { name: 'Salva il dovuto' }).click()
    await page.getByTestId('due-iupd').waitFor()

    // The due went out with the chosen data, and the desk remembers them as the most recent.
    const due = await rpc<DueDetail>('dues.get', { iupd: await page.getByTestId('due-iupd').innerText() })
    expect(due.debtor).toMatchObject({ fiscalCode: RUSSO, email: 'f.russo@example.it', streetName: 'Via Garibaldi', civicNumber: '12', phone: '0212345678' })
    const { debtor } = await rpc<{ debtor: DebtorInfo | null }>('debtors.get', { fiscalCode: RUSSO })
    expect(debtor).toMatchObject({ email: 'f.russo@example.it', streetName: 'Via Garibaldi', source: 'manual', duesCount: 2 })

    // "Tieni tutti i dati già noti" in one go.
    await toDebtorStep()
    await page.getByLabel('Codice fiscale / partita IVA *').fill(RUSSO)
    await page.getByLabel('Cognome e nome / ragione sociale *').fill('Russo Filipo')
    await page.getByRole('button', { name: 'Avanti' }).click()
    await page.getByTestId('debtor-conflict').getByRole('button', { name: 'Tieni tutti i dati già noti' }).click()
    await page.getByRole('heading', { name: /^Passo 4 di 4/ }).waitFor()
    // The name as the desk last confirmed it (typed above, as "Russo Filippo").
    expect(await page.getByTestId('wizard-summary').innerText()).toContain('Russo Filippo ·')
    await page.getByRole('button', { name: 'Indietro' }).click()
    expect(await page.getByLabel('E-mail').inputValue()).toBe('f.russo@example.it')
    expect(await page.getByLabel('Indirizzo').inputValue()).toBe('Via Garibaldi')
  })
})
