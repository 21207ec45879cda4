// The first start on an empty data folder, in a real Chromium through the browser host:
// "Configurazione iniziale" offers the demo or a live ente; the live path does not let the
// operator go on before the backend answers, and ends on Cerca dovuti signed in, with the desk's
// number in the header. Checked with axe-core (WCAG 2.1 AA) on every step.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LaunchedSimulator } from '../../src-main/core/simulator/run'
import { simulator } from '../helpers/backend'
import { seriousViolations } from '../helpers/axe'
import { launchChromium, screenshotPath } from '../helpers/browser'
import { tempDir } from '../helpers/paths'
import { serve, type Served } from '../helpers/processes'

const folders = [tempDir(), tempDir()]
let sim: LaunchedSimulator
let browser: Browser
let page: Page
const hosts: Served[] = []

async function expectAccessible(name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(name), fullPage: true })
  expect(await seriousViolations(page), name).toEqual([])
}

beforeAll(async () => {
  sim = await simulator({ seed: 40 })
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'it-IT' })
}, 120_000)
afterAll(async () => {
  await browser?.close()
  for (const h of hosts) await h.stop()
  await sim?.close()
  for (const f of folders) f.cleanup()
})

describe('Configurazione iniziale', () => {
  it('connects a live desk step by step, refusing to go on until the backend answers', async () => {
    const served = await serve(['--data', folders[0]!.dir])
    hosts.push(served)
    await page.goto(served.url)
    await page.getByRole('heading', { name: 'Configurazione iniziale' }).waitFor()
    // Any other screen leads back here while nothing is configured.
    await page.goto(`${served.origin}/#/impostazioni`)
    await page.getByRole('heading', { name: 'Configurazione iniziale' }).waitFor()
    await expectAccessible('setup-choice')
    await page.getByTestId('setup-live').click()

    const next = page.getByTestId('setup-next')
    expect(await next.isDisabled()).toBe(true)
    await page.getByLabel('Nome dell’ente *').fill('Comune di Valdoria')
    await page.getByLabel('Codice fiscale dell’ente *').fill('00723456018')
    await page.getByLabel('Codice di segregazione *').fill('01')
    await page.getByLabel('Prefisso degli identificativi (IUPD) *').fill('VLD')
    await expectAccessible('setup-ente')
    await next.click()

    await page.getByLabel('Numero dello sportello *').fill('12')
    await page.getByLabel('Nome dello sportello *').fill('Sportello anagrafe')
    await next.click()

    await page.getByLabel('Indirizzo del backend *').fill('http://127.0.0.1:9')
    expect(await next.isDisabled()).toBe(true)
    expect(await page.getByTestId('setup-blocker').innerText()).toContain('Provare il collegamento')
    await page.getByTestId('setup-test-backend').click()
    await expect.poll(() => page.getByTestId('setup-backend-result').innerText(), { timeout: 20_000 }).not.toBe('')
    expect(await next.isDisabled()).toBe(true)
    await page.getByLabel('Indirizzo del backend *').fill(sim.url)
    await page.getByTestId('setup-test-backend').click()
    await expect.poll(() => page.getByTestId('setup-backend-result').innerText(), { timeout: 20_000 }).toContain('Backend raggiungibile')
    await expectAccessible('setup-backend')
    await next.click()

    // POS: none for now; the virtual terminal is not among the choices.
    expect(await page.getByText('Terminale virtuale').count()).toBe(0)
    await page.getByLabel(/^Nessun terminale/).check()
    await expectAccessible('setup-pos')
    await next.click()
    await next.click()

    await page.getByLabel('Nome utente *').fill('anna.verdi')
    await page.getByLabel('Nome e cognome *').fill('Anna Verdi')
    await page.getByLabel('Password *', { exact: true }).fill('una-password-lunga')
    await page.getByLabel('Ripeti la password *').fill('una-password-diversa')
    expect(await page.getByTestId('setup-blocker').innerText()).toBe('Le due password non coincidono.')
    await page.getByLabel('Ripeti la password *').fill('una-password-lunga')
    await expectAccessible('setup-admin')
    await next.click()

    await page.getByRole('searchbox').waitFor({ timeout: 30_000 })
    await expect.poll(() => page.getByTestId('header-desk').innerText()).toBe('Sportello 12')
    await expect.poll(() => page.locator('header').innerText()).toContain('Anna Verdi')
    await expect.poll(() => page.locator('[data-testid=result-summary]').innerText(), { timeout: 60_000 }).toMatch(new RegExp(`^${sim.store.count()} dovuti trovati`))
    // Alt+6: what the desk is, for support.
    await page.keyboard.press('Alt+6')
    await expect.poll(() => page.getByTestId('about-desk').innerText()).toBe('12 · Sportello anagrafe')
  }, 120_000)

  it('or starts the demo in one click, signed in as the demo operator', async () => {
    const served = await serve(['--data', folders[1]!.dir])
    hosts.push(served)
    await page.goto(served.url)
    await page.getByTestId('setup-demo').click()
    await page.getByRole('searchbox').waitFor({ timeout: 30_000 })
    await expect.poll(() => page.locator('header').innerText()).toContain('Dati dimostrativi')
    await expect.poll(() => page.locator('[data-testid=result-summary]').innerText(), { timeout: 60_000 }).toMatch(/dovuti trovati/)
  }, 120_000)
})
