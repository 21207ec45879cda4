// Impostazioni › Stampa, the receipt printer, mounted in a real Chromium with the app's own routes
// against a fake service client: none / serial / network, what "Stampa di prova" and "Salva" send,
// what they say back, and an operator without 'settings.manage' who can only read.
import { message, PERMISSIONS, type Permission } from '@contract/index'
import type { ReceiptPrinterSettings, ReceiptPrinterSettingsInfo } from '@contract/receipt-printer'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { createClient } from '@/api/client'
import { CLIENT_KEY } from '@/api/inject'
import { createAppI18n } from '@/i18n'
import { createAppRouter } from '@/router'
import { useSessionStore } from '@/stores/session'
import { fakeServices, signedIn, type Answers } from './fake-services'

const appRouter = createAppRouter()
appRouter.options.history.destroy()
const ROUTES = appRouter.options.routes

const MANAGER: Permission[] = [...PERMISSIONS]
const CLERK: Permission[] = ['dues.create', 'notices.print', 'till.use']
const PORTS: ReceiptPrinterSettingsInfo['ports'] = [{ path: '/dev/ttyUSB0', manufacturer: 'Prolific', vendorId: '067b', productId: '2303', serialNumber: null }]

function infoOf(settings: ReceiptPrinterSettings): ReceiptPrinterSettingsInfo {
  const printer =
    settings.mode === 'none'
      ? message('receiptPrinter.name.none')
      : settings.mode === 'serial'
        ? message('receiptPrinter.name.serial', { path: settings.path, baudRate: settings.baudRate })
        : message('receiptPrinter.name.network', { host: settings.host, port: settings.port })
  return { settings, printer, ports: PORTS, portsNote: null }
}
const NONE = infoOf({ mode: 'none' })

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

async function openPrinting(answers: Answers, permissions: readonly Permission[] = MANAGER) {
  const services = fakeServices({
    'auth.session': signedIn(permissions),
    'printers.list': () => ({ printers: [{ name: 'Ufficio', isDefault: true, state: 'idle' }], chosen: 'Ufficio' }),
    ...answers
  })
  const router = createRouter({ history: createMemoryHistory(), routes: ROUTES })
  await router.push('/impostazioni/stampa')
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
  const section = () => wrapper!.find('[data-testid=receipt-printer]')
  await vi.waitFor(() => expect(section().find('form').exists()).toBe(true))
  return { page: wrapper, section, services }
}

const button = (section: VueWrapper | ReturnType<VueWrapper['find']>, text: string) => section.findAll('button').find((b) => b.text() === text)

describe('Impostazioni › Stampa: the receipt printer', () => {
  it('opens with the desk printer and the receipt printer\u2019s settings; none set up offers no test', async () => {
    const { page, section, services } = await openPrinting({ 'receiptPrinter.settings': () => NONE })
    expect(services.methods().sort()).toEqual(['printers.list', 'receiptPrinter.settings'])
    expect(page.find('[data-testid=printers]').text()).toContain('Ufficio')
    expect(section().find('h2').text()).toBe('Stampante per ricevute')
    expect(section().find('[data-testid=receipt-printer-current]').text()).toBe('In uso: Nessuna stampante per ricevute configurata')
    const modes = section().findAll('input[name=rp-mode]')
    expect(modes.map((r) => (r.element as HTMLInputElement).value)).toEqual(['none', 'serial', 'network'])
    expect(section().findAll('label.form-check-label').map((l) => l.text())).toEqual(['Nessuna stampante per ricevute', 'Porta seriale o USB', 'Rete (LAN)'])
    expect((section().find('#rp-mode-none').element as HTMLInputElement).checked).toBe(true)
    expect(button(section(), 'Stampa di prova')).toBeUndefined()
    expect(section().find('#rp-host').exists()).toBe(false)
    expect(section().find('#rp-path').exists()).toBe(false)
  })

  it('network: the port starts at 9100; "Stampa di prova" sends the form unsaved and shows what came back', async () => {
    const results = [
      { ok: true, message: message('receiptPrinter.testSent', { printer: message('receiptPrinter.name.network', { host: '192.168.1.50', port: 9100 }) }) },
      { ok: false, message: message('receiptPrinter.unreachable', { printer: message('receiptPrinter.name.network', { host: '192.168.1.50', port: 9100 }), error: message('receiptPrinter.reason.refused') }) }
    ]
    const { section, services } = await openPrinting({ 'receiptPrinter.settings': () => NONE, 'receiptPrinter.test': () => results.shift()! })
    await section().find('#rp-mode-network').setValue(true)
    expect((section().find('#rp-port').element as HTMLInputElement).value).toBe('9100')
    await section().find('#rp-host').setValue(' 192.168.1.50 ')
    await button(section(), 'Stampa di prova')!.trigger('click')
    await vi.waitFor(() => expect(section().find('[data-testid=rp-test]').exists()).toBe(true))
    expect(services.inputs('receiptPrinter.test')).toEqual([{ mode: 'network', host: '192.168.1.50', port: 9100, columns: 48 }])
    const shown = section().find('[data-testid=rp-test]')
    expect(shown.classes()).toContain('alert-success')
    expect(shown.text()).toBe('Pagina di prova inviata alla stampante per ricevute 192.168.1.50:9100: controllare che le lettere accentate e il simbolo dell’euro siano stampati correttamente.')
    expect(services.count('receiptPrinter.save')).toBe(0)

    await button(section(), 'Stampa di prova')!.trigger('click')
    await vi.waitFor(() => expect(section().find('[data-testid=rp-test]').classes()).toContain('alert-danger'))
    expect(section().find('[data-testid=rp-test]').text()).toBe(
      'La stampante per ricevute 192.168.1.50:9100 non è raggiungibile: la stampante rifiuta la connessione (porta sbagliata?). Controllare che sia accesa e collegata.'
    )
  })

  it('serial: lists the ports, and saving sends port, speed and line width, then shows what is in use', async () => {
    let saved: ReceiptPrinterSettings = { mode: 'none' }
    const { section, services } = await openPrinting({
      'receiptPrinter.settings': () => infoOf(saved),
      'receiptPrinter.save': (input) => {
        saved = input as ReceiptPrinterSettings
        return infoOf(saved)
      }
    })
    await section().find('#rp-mode-serial').setValue(true)
    expect(section().find('[data-testid=rp-ports]').text()).toBe('/dev/ttyUSB0 · Prolific · USB 067b:2303')
    expect(section().findAll('#rp-ports option').map((o) => o.attributes('value'))).toEqual(['/dev/ttyUSB0'])
    await section().find('#rp-path').setValue('/dev/ttyUSB0')
    await section().find('#rp-baud').setValue('19200')
    await section().find('#rp-columns').setValue('42')
    await section().find('form').trigger('submit')
    await vi.waitFor(() => expect(section().find('[role=status]').text()).toBe('Stampante per ricevute salvata: stampante per ricevute su /dev/ttyUSB0 (19200 baud).'))
    expect(services.inputs('receiptPrinter.save')).toEqual([{ mode: 'serial', path: '/dev/ttyUSB0', baudRate: 19200, columns: 42 }])
    expect(section().find('[data-testid=receipt-printer-current]').text()).toBe('In uso: stampante per ricevute su /dev/ttyUSB0 (19200 baud)')
    // Read back after saving: the form shows what is stored.
    expect((section().find('#rp-baud').element as HTMLSelectElement).value).toBe('19200')
    expect((section().find('#rp-columns').element as HTMLSelectElement).value).toBe('42')
  })

  it('a failed save says why, in Italian', async () => {
    const { section } = await openPrinting({
      'receiptPrinter.settings': () => NONE,
      'receiptPrinter.save': () => {
        throw new Error('disco pieno')
      }
    })
    await section().find('form').trigger('submit')
    await vi.waitFor(() => expect(section().find('[role=alert]').text()).toContain('disco pieno'))
  })

  it('without settings.manage: the printer in use is shown, every field read-only, no test and no save', async () => {
    const { section, services } = await openPrinting({ 'receiptPrinter.settings': () => infoOf({ mode: 'network', host: '10.0.0.9', port: 9100, columns: 48 }) }, CLERK)
    expect(section().find('[data-testid=receipt-printer-current]').text()).toBe('In uso: stampante per ricevute 10.0.0.9:9100')
    expect((section().find('#rp-mode-network').element as HTMLInputElement).checked).toBe(true)
    const fields = section().findAll('input, select')
    expect(fields.length).toBeGreaterThanOrEqual(6)
    expect(fields.every((f) => (f.element as HTMLInputElement).disabled)).toBe(true)
    expect(section().findAll('button')).toHaveLength(0)
    expect(services.count('receiptPrinter.test')).toBe(0)
  })
})
