// A real backend from the settings: its subscription key comes from the secret store (the
// environment here, the system's secure storage in the desktop app), never from the cache.
import { describe, expect, it } from 'vitest'
import { italian, message } from '../../src-main/contract/messages'
import { createEnvSecretStore } from '../../src-main/core/secrets/secrets'
import { createSettingsStore } from '../../src-main/core/settings/settings'
import { connectBackend } from '../../src-main/core/sync/backend-connection'
import { createBackendSettings } from '../../src-main/core/sync/backend-settings'
import { validator, simulatorWithCache } from '../helpers/backend'

const KEY = 'chiave-di-prova-0123456789'
const env = simulatorWithCache({ seed: 20, subscriptionKey: KEY })

const today = new Date().toISOString().slice(0, 10)
/** A live cache never asks for the simulator: this one fails the test if it does. */
const noEmbedded = () => Promise.reject(new Error('the embedded simulator was asked for on a live cache'))
const list = (client: Awaited<ReturnType<typeof connectBackend>>['client']) => client.listPositions({ dueDateFrom: today, dueDateTo: today, page: 0, limit: 50 })

describe('the configured backend', () => {
  it('sends the subscription key from the secret store, and is refused without it', async () => {
    const settings = createSettingsStore(env.db.sqlite)
    settings.set('backend', { mode: 'gpd', baseUrl: env.sim.url })
    const base = { settings, validator, startEmbedded: noEmbedded, mode: 'live' as const, backend: { baseUrl: env.sim.url } }
    const keyed = await connectBackend({ ...base, secrets: createEnvSecretStore({ SPORTELLO_GPD_SUBSCRIPTION_KEY: KEY }) })
    expect(keyed).toMatchObject({ embedded: false, label: message('sync.backendName.gpd', { host: new URL(env.sim.url).host }) })
    await expect(list(keyed.client)).resolves.toBeDefined()
    const keyless = await connectBackend({ ...base, secrets: createEnvSecretStore({}) })
    await expect(list(keyless.client)).rejects.toMatchObject({ status: 401 })
    // Nothing of the key in the cache.
    const dump = JSON.stringify(env.db.sqlite.prepare('SELECT * FROM settings').all())
    expect(dump).not.toContain(KEY)
  })

  it('Impostazioni › Backend: saved for the next start, keys into the secret store, a test that says what is wrong', async () => {
    const settings = createSettingsStore(env.db.sqlite)
    // A cache not yet bound to a world: its backend can still be chosen.
    env.db.sqlite.prepare("DELETE FROM settings WHERE key IN ('backend', 'cache.identity')").run()
    const secrets = createEnvSecretStore({})
    const service = createBackendSettings({ sqlite: env.db.sqlite, settings, secrets, validator, active: { label: message('sync.backendName.simulator'), settings: { mode: 'embedded' } } })
    expect(await service.info()).toMatchObject({ mode: 'embedded', hasKey: false, keyStorage: false, restartNeeded: false })
    expect(await service.test({ baseUrl: env.sim.url, subscriptionKey: 'sbagliata-123' }).then((r) => ({ ...r, message: italian(r.message) }))).toEqual({ ok: false, message: expect.stringContaining('rifiuta la chiave di sottoscrizione') })
    const saved = await service.save({ mode: 'gpd', baseUrl: `${env.sim.url}/`, subscriptionKey: KEY })
    expect(saved).toMatchObject({ mode: 'gpd', baseUrl: env.sim.url, hasKey: true, restartNeeded: true })
    expect(await service.test({ baseUrl: env.sim.url }).then((r) => ({ ...r, message: italian(r.message) }))).toEqual({ ok: true, message: expect.stringMatching(/^Backend raggiungibile: 127\.0\.0\.1:\d+ risponde per l’ente 00723456018/) })
    expect(JSON.stringify(env.db.sqlite.prepare('SELECT * FROM settings').all())).not.toContain(KEY)
    // What the next start connects to: the saved backend, with the stored key.
    const next = await connectBackend({ settings, validator, secrets, startEmbedded: noEmbedded, mode: 'live', backend: { baseUrl: env.sim.url } })
    await expect(list(next.client)).resolves.toBeDefined()
  })

  it('keeps a cache in its world: a live cache never gets the simulator or another backend, a demo cache never a real one', async () => {
    const settings = createSettingsStore(env.db.sqlite)
    const secrets = createEnvSecretStore({})
    const service = createBackendSettings({ sqlite: env.db.sqlite, settings, secrets, validator, active: { label: message('sync.backendName.gpd', { host: 'x' }), settings: { mode: 'gpd', baseUrl: env.sim.url } } })
    settings.set('cache.identity', { mode: 'live', enteFiscalCode: '00723456018', backendOrigin: new URL(env.sim.url).origin, boundAt: new Date().toISOString() })
    await expect(service.save({ mode: 'embedded' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('il simulatore e i dati dimostrativi non si avviano') })
    await expect(service.save({ mode: 'gpd', baseUrl: 'https://api.platform.pagopa.it' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('non può sincronizzarsi con https://api.platform.pagopa.it') })
    settings.set('cache.identity', { mode: 'demo', boundAt: new Date().toISOString() })
    await expect(service.save({ mode: 'gpd', baseUrl: env.sim.url })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('sportello dimostrativo') })
    env.db.sqlite.prepare("DELETE FROM settings WHERE key = 'cache.identity'").run()
  })
})
