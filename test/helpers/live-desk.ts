// A desk connected to a backend as a real ente's would be (a "live" cache), here the GPD simulator
// over HTTP: configured the way `sportello config` and `operators add` do it, then started.
import { join } from 'node:path'
import { hashPassword } from '../../src-main/core/auth/passwords'
import { startCoreApp, type CoreApp } from '../../src-main/core/app'
import { openDatabase } from '../../src-main/core/db/open'
import { ensureDemoSetup } from '../../src-main/core/demo/seed'
import { DATABASE_FILE } from '../../src-main/core/paths'
import { createSettingsStore } from '../../src-main/core/settings/settings'
import type { MethodInput, MethodName, MethodOutput } from '../../src-main/contract/methods'
import { MIGRATIONS, ROOT, tempDir } from './paths'

export const LIVE_PASSWORD = 'password-di-prova-123'

export interface LiveDesk {
  app: CoreApp
  dir: string
  call<M extends MethodName>(method: M, input?: MethodInput<M>): Promise<MethodOutput<M>>
  /** The same call, answering the plain error instead of throwing it. */
  attempt<M extends MethodName>(method: M, input?: MethodInput<M>): Promise<{ ok: true; value: MethodOutput<M> } | { ok: false; error: { code: string; message: string } }>
  close(): Promise<void>
}

/** Writes the demo Comune's ente and due types, a desk number and an administrator into a new data folder. */
export async function prepareLiveFolder(dir: string, deskNumber: number | null): Promise<void> {
  const db = openDatabase(join(dir, DATABASE_FILE), { migrationsFolder: MIGRATIONS })
  try {
    ensureDemoSetup(db.sqlite)
    const settings = createSettingsStore(db.sqlite)
    if (deskNumber !== null) settings.set('desk', { number: deskNumber, name: `Sportello ${deskNumber}` })
    db.sqlite.prepare("INSERT INTO operators (username, display_name, role, password_hash) VALUES ('admin', 'Anna Amministratrice', 'amministratore', ?)").run(await hashPassword(LIVE_PASSWORD))
  } finally {
    db.close()
  }
}

export async function startLiveDesk(backendUrl: string, options: { deskNumber?: number | null; dir?: string } = {}): Promise<LiveDesk> {
  const folder = options.dir ? { dir: options.dir, cleanup: () => undefined } : tempDir('sportello-live-')
  if (!options.dir) await prepareLiveFolder(folder.dir, options.deskNumber === undefined ? 5 : options.deskNumber)
  const app = await startCoreApp({ dataDir: folder.dir, resourcesDir: join(ROOT, 'resources'), version: 'test', backend: { mode: 'gpd', baseUrl: backendUrl }, backgroundSync: false })
  const attempt = async (method: string, input?: unknown) => (await app.dispatch(method, input)) as never
  const call = async (method: string, input?: unknown) => {
    const result = (await app.dispatch(method, input)) as { ok: boolean; value?: unknown; error?: { code: string; message: string } }
    if (!result.ok) throw Object.assign(new Error(result.error!.message), result.error)
    return result.value as never
  }
  await call('auth.login', { username: 'admin', password: LIVE_PASSWORD })
  return {
    app,
    dir: folder.dir,
    call,
    attempt,
    close: async () => {
      await app.close()
      folder.cleanup()
    }
  } as LiveDesk
}
