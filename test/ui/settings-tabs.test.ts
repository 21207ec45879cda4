// Impostazioni mounted in a real Chromium with the app's own routes (one child route per tab)
// against a fake service client: each tab asks only for its own data when opened, the POS tab
// offers the virtual terminal only on the demo, the roles table, the desk number's confirmation,
// and an operator without 'settings.manage' who can only read.
import { message, PERMISSIONS, type DeskInfo, type EnteInfo, type Permission, type PosSettingsInfo } from '@contract/index'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createClient } from '@/api/client'
import { CLIENT_KEY } from '@/api/inject'
import { createAppI18n } from '@/i18n'
import { createAppRouter } from '@/router'
import { useSessionStore } from '@/stores/session'
import { defineComponent, h, ref } from 'vue'
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router'
import { fakeServices, signedIn, type Answers } from './fake-services'

// The app's routes as the app declares them; the test keeps them in memory instead of the URL hash.
const appRouter = createAppRouter()
appRouter.options.history.destroy()
const ROUTES = appRouter.options.routes

const MANAGER: Permission[] = [...PERMISSIONS]
const CLERK: Permission[] = ['dues.create', 'notices.print', 'till.use']

const ENTE: EnteInfo = {
  ente: { name: 'Comune di Prova', fiscalCode: '01234567890', segregationCode: '01', cbill: 'AB123', sector: 'Tributi', info: '', officeName: 'Ufficio tributi', iupdPrefix: 'PRV' },
  notice: { website: 'www.comune.prova.it' },
  hasLogo: false
}
const DESK: DeskInfo = { number: 12, name: 'Sportello anagrafe', numbersIssued: true, collision: null, maxNumber: 799 }
const PORTS: PosSettingsInfo['ports'] = [{ path: '/dev/ttyUSB0', manufacturer: 'Ingenico', vendorId: '0b00', productId: '0084', serialNumber: null }]
const LIVE_POS: PosSettingsInfo = { settings: null, virtualAllowed: false, terminal: message('pos.terminalName.none'), ports: PORTS, portsNote: null }
const DEMO_POS: PosSettingsInfo = { settings: { mode: 'virtual', pagopaPsp: false }, virtualAllowed: true, terminal: message('pos.terminalName.virtual', { terminalId: '00000001' }), ports: PORTS, portsNote: null }

// What every tab loads, answered.
const EVERY_TAB: Answers = {
  'ente.get': () => ENTE,
  'desk.get': () => DESK,
  'dueTypes.list': () => [],
  'roles.get': () => ({ operatore: ['dues.create'] }),
  'operators.list': () => [],
  'printers.list': () => ({ printers: [{ name: 'Ufficio', isDefault: true, state: 'idle' }], chosen: null }),
  'receiptPrinter.settings': () => ({ settings: { mode: 'none' }, printer: message('receiptPrinter.name.none'), ports: [], portsNote: null }),
  'mail.settings': () => ({ settings: null, hasPassword: false, passwordStorage: true }),
  'pos.settings': () => LIVE_POS,
  'backend.settings': () => ({ mode: 'embedded', baseUrl: null, timeoutMs: null, hasKey: false, hasReceiptsKey: false, keyStorage: true, active: message('sync.backendName.simulator'), restartNeeded: false }),
  'privacy.settings': () => ({ closedDays: 365 })
}

// What the roles table must call each permission, in Italian (a new permission needs its label here).
const PERMISSION_LABELS: Record<Permission, string> = {
  'dues.create': 'Creare dovuti',
  'dues.edit': 'Modificare importi e scadenze',
  'dues.delete': 'Eliminare e annullare',
  'dues.registerPayment': 'Registrare pagamenti',
  'pos.pay': 'Incassare con il POS integrato',
  'notices.print': 'Stampare avvisi e ricevute',
  'notices.email': 'Inviare avvisi al cittadino',
  'dues.export': 'Esportare i dovuti',
  'till.use': 'Usare la cassa',
  'settings.manage': 'Modificare le impostazioni'
}

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

/**
 * Opens Impostazioni at `path` as the app does: the session is read first (App.vue's guard does it
 * before any page), then the page and its tab are shown by the router.
 */
async function openSettings(path: string, answers: Answers, permissions: readonly Permission[] = MANAGER) {
  const services = fakeServices({ 'auth.session': signedIn(permissions), ...answers })
  const router: Router = createRouter({ history: createMemoryHistory(), routes: ROUTES })
  await router.push(path)
  const Host = defineComponent({
    setup() {
      const session = useSessionStore()
      const ready = ref(false)
      void session.load().finally(() => (ready.value = true))
      return () => (ready.value ? h(RouterView) : null)
    }
  })
  wrapper = mount(Host, {
    attachTo: document.body,
    global: { plugins: [createPinia(), createAppI18n('it'), router], provide: { [CLIENT_KEY as symbol]: createClient(services.transport) } }
  })
  await flushPromises()
  return { page: wrapper, router, services }
}

const tab = (page: VueWrapper, name: string) => page.find(`[role=tab]#tab-${name}`)
const selectedTab = (page: VueWrapper) => page.findAll('[role=tab]').filter((t) => t.attributes('aria-selected') === 'true').map((t) => t.text())

describe('Impostazioni: each tab loads its own data', () => {
  it('opens on Ente asking only for the ente; the POS tab asks for its settings (and serial ports) only when opened', async () => {
    const { page, router, services } = await openSettings('/impostazioni', { 'ente.get': () => ENTE, 'pos.settings': () => LIVE_POS })
    await vi.waitFor(() => expect((page.find('#e-name').element as HTMLInputElement | undefined)?.value).toBe('Comune di Prova'))
    expect(router.currentRoute.value.name).toBe('settings-ente')
    expect(selectedTab(page)).toEqual(['Ente'])
    expect(services.methods()).toEqual(['ente.get'])
    for (const other of ['pos.settings', 'mail.settings', 'printers.list', 'backend.settings', 'desk.get', 'dueTypes.list', 'operators.list', 'roles.get', 'privacy.settings'] as const) {
      expect(services.count(other), other).toBe(0)
    }

    await tab(page, 'pos').trigger('click')
    await vi.waitFor(() => expect(page.find('[data-testid=pos-ports]').text()).toContain('/dev/ttyUSB0 · Ingenico · USB 0b00:0084'))
    expect(router.currentRoute.value.name).toBe('settings-pos')
    expect(selectedTab(page)).toEqual(['POS'])
    expect(services.count('pos.settings')).toBe(1)
    expect(services.count('ente.get')).toBe(1)
    // The Ente tab is gone with its form; the POS one has taken its place.
    expect(page.find('#e-name').exists()).toBe(false)
    expect(services.methods()).toEqual(['ente.get', 'pos.settings'])
  })

  it('walking through the tabs, each one asks for its own data and nothing else', async () => {
    // Tab → what it loads on opening.
    const loads: [string, string[]][] = [
      ['ente', ['ente.get']],
      ['desk', ['desk.get']],
      ['types', ['dueTypes.list']],
      ['operators', ['roles.get', 'operators.list']],
      ['roles', ['roles.get']],
      ['registry', []],
      ['printing', ['printers.list', 'receiptPrinter.settings']],
      ['mail', ['mail.settings']],
      ['pos', ['pos.settings']],
      ['backend', ['backend.settings']],
      ['privacy', ['privacy.settings']]
    ]
    const { page, router, services } = await openSettings('/impostazioni', EVERY_TAB)
    expect(services.methods()).toEqual(['ente.get'])
    for (const [name, expected] of loads.slice(1)) {
      const before = services.methods().length
      await tab(page, name).trigger('click')
      await flushPromises()
      expect(router.currentRoute.value.name).toBe(`settings-${name}`)
      expect(services.methods().slice(before).sort(), name).toEqual([...expected].sort())
    }
    // Back on a tab opened before: it is mounted again and asks again, not from a stale copy.
    await tab(page, 'ente').trigger('click')
    await flushPromises()
    expect(services.count('ente.get')).toBe(2)
  })
})

describe('Impostazioni › POS', () => {
  it('on a live desk with no terminal yet, offers serial and network only, starting on serial', async () => {
    const { page } = await openSettings('/impostazioni/pos', { 'pos.settings': () => LIVE_POS })
    await vi.waitFor(() => expect(page.find('[data-testid=pos-current]').text()).toContain('Nessun terminale'))
    const modes = page.findAll('input[name=pos-mode]').map((r) => (r.element as HTMLInputElement).value)
    expect(modes).toEqual(['serial', 'tcp'])
    expect(page.find('#pos-mode-virtual').exists()).toBe(false)
    expect(page.find('form').text()).not.toContain('Terminale virtuale')
    expect((page.find('#pos-mode-serial').element as HTMLInputElement).checked).toBe(true)
    expect(page.find('#pos-path').exists()).toBe(true)
  })

  it('on the demo, offers the virtual terminal and keeps it chosen', async () => {
    const { page, services } = await openSettings('/impostazioni/pos', {
      'pos.settings': () => DEMO_POS,
      'pos.saveSettings': () => DEMO_POS
    })
    await vi.waitFor(() => expect(page.find('#pos-mode-virtual').exists()).toBe(true))
    expect(page.findAll('input[name=pos-mode]').map((r) => (r.element as HTMLInputElement).value)).toEqual(['virtual', 'serial', 'tcp'])
    expect(page.find('label[for=pos-mode-virtual]').text()).toBe('Terminale virtuale (prova)')
    expect((page.find('#pos-mode-virtual').element as HTMLInputElement).checked).toBe(true)
    await page.find('form').trigger('submit')
    await vi.waitFor(() => expect(services.count('pos.saveSettings')).toBe(1))
    expect(services.inputs('pos.saveSettings')[0]).toEqual({ mode: 'virtual', pagopaPsp: false })
  })
})

describe('Impostazioni › Ruoli', () => {
  const ROLES: Record<string, Permission[]> = { amministratore: [...PERMISSIONS], operatore: ['dues.create', 'notices.print'] }
  const openRoles = () =>
    openSettings('/impostazioni/ruoli', {
      'roles.get': () => ROLES,
      'roles.save': (input) => input.roles as Record<string, Permission[]>
    })
  const rows = (page: VueWrapper) => page.findAll('[data-testid=roles] tbody tr')
  const boxesOf = (page: VueWrapper, role: string) => rows(page).find((tr) => tr.find('th').text() === role)!.findAll('input[type=checkbox]')

  it('shows one column per permission, named in Italian, and one box per permission in each role', async () => {
    const { page } = await openRoles()
    await vi.waitFor(() => expect(rows(page)).toHaveLength(2))
    const headers = page.findAll('[data-testid=roles] thead th').map((th) => th.text())
    expect(headers).toEqual(['Ruolo', ...PERMISSIONS.map((p) => PERMISSION_LABELS[p])])
    // Each box says which role and which permission it is, for assistive technology.
    expect(boxesOf(page, 'operatore').map((b) => b.attributes('aria-label'))).toEqual(PERMISSIONS.map((p) => `operatore: ${PERMISSION_LABELS[p]}`))
  })

  it('ticks what each role has, and saving sends the permission toggled', async () => {
    const { page, services } = await openRoles()
    await vi.waitFor(() => expect(rows(page)).toHaveLength(2))
    expect(rows(page).map((tr) => tr.find('th').text())).toEqual(['amministratore', 'operatore'])
    const ticked = (role: string) => boxesOf(page, role).map((b) => (b.element as HTMLInputElement).checked)
    expect(ticked('amministratore')).toEqual(PERMISSIONS.map(() => true))
    expect(ticked('operatore')).toEqual(PERMISSIONS.map((p) => ROLES.operatore!.includes(p)))

    // Columns follow PERMISSIONS: give the till, take printing away.
    await boxesOf(page, 'operatore')[PERMISSIONS.indexOf('till.use')]!.setValue(true)
    await boxesOf(page, 'operatore')[PERMISSIONS.indexOf('notices.print')]!.setValue(false)
    expect(services.count('roles.save')).toBe(0)
    await page.findAll('button').find((b) => b.text() === 'Salva')!.trigger('click')
    await vi.waitFor(() => expect(page.find('[role=status]').text()).toBe('Ruoli salvati.'))
    expect(services.inputs('roles.save')).toEqual([{ roles: { amministratore: [...PERMISSIONS], operatore: ['dues.create', 'till.use'] } }])
    expect(ticked('operatore')).toEqual(PERMISSIONS.map((p) => p === 'dues.create' || p === 'till.use'))
    // The signed-in operator's permissions are read again at once.
    expect(services.count('auth.session')).toBe(2)
  })
})

describe('Impostazioni › Sportello', () => {
  const saveAnswer: Answers['desk.save'] = (input) => ({ ...DESK, number: input.number, name: input.name })
  const dialog = () => document.querySelector<HTMLDialogElement>('dialog.app-dialog')

  async function openDesk(desk: DeskInfo = DESK) {
    const opened = await openSettings('/impostazioni/sportello', { 'desk.get': () => desk, 'desk.save': saveAnswer })
    await vi.waitFor(() => expect((opened.page.find('#desk-number').element as HTMLInputElement | undefined)?.value).toBe(String(desk.number)))
    return opened
  }

  it('changing a number that already issued notice numbers asks first; going back saves nothing', async () => {
    const { page, services } = await openDesk()
    expect(page.find('#desk-number-hint').text()).toContain('Con questo numero sono già stati generati numeri avviso.')
    await page.find('#desk-number').setValue('15')
    await page.find('[data-testid=desk-save]').trigger('click')
    await flushPromises()
    const asked = dialog()
    expect(asked?.open).toBe(true)
    expect(asked?.textContent).toContain('Cambiare il numero dello sportello?')
    expect(asked?.textContent).toContain('Con il numero 12 questo sportello ha già generato numeri avviso. Il cambio a 15')
    expect(services.count('desk.save')).toBe(0)

    await page.findAll('dialog button').find((b) => b.text() === 'Indietro')!.trigger('click')
    await flushPromises()
    expect(dialog()).toBeNull()
    expect(services.count('desk.save')).toBe(0)
  })

  it('confirming saves the new number with confirm: true', async () => {
    const { page, services } = await openDesk()
    await page.find('#desk-number').setValue('15')
    await page.find('form').trigger('submit')
    await flushPromises()
    expect(dialog()?.open).toBe(true)
    expect(services.count('desk.save')).toBe(0)
    await page.find('[data-testid=desk-confirm]').trigger('click')
    await vi.waitFor(() => expect(page.find('[role=status]').text()).toBe('Sportello salvato: numero 15.'))
    expect(services.inputs('desk.save')).toEqual([{ number: 15, name: 'Sportello anagrafe', confirm: true }])
    expect(dialog()).toBeNull()
  })

  it('saves at once, unconfirmed, when the number is kept or has issued nothing yet', async () => {
    const kept = await openDesk()
    await kept.page.find('#desk-name').setValue('Sportello tributi')
    await kept.page.find('form').trigger('submit')
    await vi.waitFor(() => expect(kept.services.count('desk.save')).toBe(1))
    expect(dialog()).toBeNull()
    expect(kept.services.inputs('desk.save')[0]).toEqual({ number: 12, name: 'Sportello tributi', confirm: false })
    kept.page.unmount()

    const fresh = await openDesk({ ...DESK, numbersIssued: false })
    await fresh.page.find('#desk-number').setValue('15')
    await fresh.page.find('form').trigger('submit')
    await vi.waitFor(() => expect(fresh.services.count('desk.save')).toBe(1))
    expect(dialog()).toBeNull()
    expect(fresh.services.inputs('desk.save')[0]).toEqual({ number: 15, name: 'Sportello anagrafe', confirm: false })
  })
})

describe('Impostazioni without settings.manage', () => {
  const fields = (page: VueWrapper) => page.findAll('.settings-panel input, .settings-panel select, .settings-panel textarea')

  it.each([
    ['an operator without settings.manage', CLERK, true],
    ['an operator with settings.manage', MANAGER, false]
  ] as const)('Ente, for %s: fields disabled and no save exactly when read-only', async (_who, permissions, readOnly) => {
    const { page, services } = await openSettings('/impostazioni/ente', { 'ente.get': () => ENTE }, permissions)
    await vi.waitFor(() => expect((page.find('#e-name').element as HTMLInputElement | undefined)?.value).toBe('Comune di Prova'))
    expect(fields(page).length).toBeGreaterThanOrEqual(12)
    expect(fields(page).map((f) => (f.element as HTMLInputElement).disabled)).toEqual(fields(page).map(() => readOnly))
    expect(page.findAll('.settings-panel button').some((b) => b.text() === 'Salva')).toBe(!readOnly)
    expect(page.text().includes('Il tuo ruolo non consente di modificare le impostazioni.')).toBe(readOnly)
    expect(services.count('ente.save')).toBe(0)
  })

  it('Ruoli and POS: the boxes and the terminal\u2019s fields are read-only, with no save', async () => {
    const roles = await openSettings('/impostazioni/ruoli', { 'roles.get': () => ({ operatore: ['dues.create'] }) }, CLERK)
    await vi.waitFor(() => expect(roles.page.findAll('[data-testid=roles] tbody input[type=checkbox]')).toHaveLength(PERMISSIONS.length))
    expect(roles.page.findAll('[data-testid=roles] input').every((b) => (b.element as HTMLInputElement).disabled)).toBe(true)
    expect(roles.page.findAll('.settings-panel button').some((b) => b.text() === 'Salva')).toBe(false)
    roles.page.unmount()

    const pos = await openSettings('/impostazioni/pos', { 'pos.settings': () => LIVE_POS }, CLERK)
    await vi.waitFor(() => expect(pos.page.find('#pos-path').exists()).toBe(true))
    const posFields = fields(pos.page)
    expect(posFields.length).toBeGreaterThan(5)
    expect(posFields.every((f) => (f.element as HTMLInputElement).disabled)).toBe(true)
    expect(pos.page.findAll('.settings-panel button')).toHaveLength(0)
  })
})

describe('Impostazioni: the pagoPA words explained where they are labels', () => {
  it('Tipi di dovuto (tassonomia), POS (LRC) and Backend: each term is focusable and described by its explanation', async () => {
    const { page } = await openSettings('/impostazioni/tipi-di-dovuto', EVERY_TAB)
    for (const [name, term, text, starts] of [
      ['types', 'taxonomy', 'Codice di tassonomia', 'Codice di tassonomia: la categoria pagoPA'],
      ['pos', 'lrc', 'Controllo LRC', 'LRC: la cifra di controllo'],
      ['backend', 'backend', 'backend', 'Backend: il servizio pagoPA dell’ente']
    ] as const) {
      await tab(page, name).trigger('click')
      await vi.waitFor(() => expect(page.find(`[data-jargon=${term}]`).exists(), name).toBe(true))
      const el = page.find(`[data-jargon=${term}]`)
      expect(el.text()).toBe(text)
      expect(el.attributes('tabindex')).toBe('0')
      const tip = document.getElementById(el.attributes('aria-describedby')!)!
      expect(tip.getAttribute('role')).toBe('tooltip')
      expect(tip.textContent!.startsWith(starts), tip.textContent!).toBe(true)
      ;(el.element as HTMLElement).focus()
      await flushPromises()
      expect(tip.checkVisibility()).toBe(true)
    }
    // The Backend tab's introduction reads as a sentence around its term (the explanation hidden again).
    ;(document.activeElement as HTMLElement).blur()
    await flushPromises()
    expect((page.find('[role=tabpanel] p').element as HTMLElement).innerText).toMatch(/^Il backend pagoPA \(Gestione Posizioni Debitorie\) con cui la cache si sincronizza\./)
  })
})
