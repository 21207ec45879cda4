// Who is at the desk. One desk, one operator at a time: the session lives in the main process,
// whichever transport (the window, the browser host) the UI uses.
import type Database from 'better-sqlite3'
import { AppError } from '../../contract/errors'
import { PERMISSIONS, roleRefusal, type OperatorInfo, type Permission, type Session } from '../../contract/desk'
import type { SettingsStore } from '../settings/settings'
import type { Access } from '../../contract/methods'
import { hashPassword, verifyPassword } from './passwords'

export const DEFAULT_ROLES: Record<string, Permission[]> = {
  amministratore: [...PERMISSIONS],
  operatore: ['dues.create', 'dues.edit', 'dues.registerPayment', 'pos.pay', 'notices.print', 'notices.email', 'dues.export', 'till.use'],
  consultazione: ['notices.print', 'dues.export']
}

/**
 * Roles saved before printing, e-mail, export, the till and the integrated POS had permissions of
 * their own: each keeps what it could do then (any signed-in operator printed, sent, exported and
 * saw the till; whoever registered payments paid at the POS and closed the day).
 */
const ROLES_VERSION = 2
function upgradeRoles(saved: Record<string, Permission[]>): Record<string, Permission[]> {
  const upgraded: Record<string, Permission[]> = {}
  for (const [role, permissions] of Object.entries(saved)) {
    const granted = new Set<Permission>([...permissions, 'notices.print', 'notices.email', 'dues.export', 'till.use'])
    if (permissions.includes('dues.registerPayment')) granted.add('pos.pay')
    upgraded[role] = PERMISSIONS.filter((p) => granted.has(p))
  }
  return upgraded
}

interface OperatorRow {
  username: string
  display_name: string
  role: string
  password_hash: string | null
  active: number
}

export function createSessions(sqlite: Database.Database, settings: SettingsStore, options: { demoOperator?: string }) {
  const byUsername = sqlite.prepare<[string], OperatorRow>('SELECT username, display_name, role, password_hash, active FROM operators WHERE username = ?')
  let current: OperatorRow | null = null
  let demo = false
  const roles = (): Record<string, Permission[]> => {
    const saved = settings.get<Record<string, Permission[]>>('roles')
    if (!saved) return DEFAULT_ROLES
    if ((settings.get<number>('roles.version') ?? 1) >= ROLES_VERSION) return saved
    const upgraded = upgradeRoles(saved)
    settings.set('roles', upgraded)
    settings.set('roles.version', ROLES_VERSION)
    return upgraded
  }
  const permissionsOf = (role: string) => roles()[role] ?? []

  if (options.demoOperator) {
    const row = byUsername.get(options.demoOperator)
    if (row) {
      current = row
      demo = true
    }
  }

  const session = (): Session => ({
    operator: current ? { username: current.username, displayName: current.display_name, role: current.role, permissions: permissionsOf(current.role) } : null,
    demo
  })

  return {
    session,
    /** The operator's name for the audit log; refuses when nobody is signed in. */
    operatorName(): string {
      if (!current) throw new AppError('UNAUTHORIZED', 'Accedere con il proprio utente per continuare.')
      return current.display_name
    },
    who(): { role: string; permissions: Permission[] } {
      if (!current) return { role: 'nessuno', permissions: [] }
      return { role: current.role, permissions: permissionsOf(current.role) }
    },
    /** The contract's access rule of a method, for the dispatcher: throws when the caller lacks it. */
    authorize(access: Access): void {
      if (access === 'public') return
      if (access === 'signedIn') void this.operatorName()
      else this.require(access)
    },
    require(permission: Permission): void {
      if (!current) throw new AppError('UNAUTHORIZED', 'Accedere con il proprio utente per continuare.')
      if (!permissionsOf(current.role).includes(permission)) throw new AppError('FORBIDDEN', roleRefusal(permission, current.role))
    },
    async login(username: string, password: string): Promise<Session> {
      const row = byUsername.get(username.toLowerCase())
      // The same answer whether the user exists or not, and a hash computed either way.
      const valid = row?.password_hash ? await verifyPassword(password, row.password_hash) : (await hashPassword(password), false)
      if (!row || !valid || !row.active) throw new AppError('UNAUTHORIZED', 'Nome utente o password non corretti.')
      current = row
      demo = false
      return session()
    },
    logout(): Session {
      current = null
      demo = false
      return session()
    },
    list(): OperatorInfo[] {
      return (sqlite.prepare('SELECT username, display_name, role, password_hash, active FROM operators ORDER BY display_name').all() as OperatorRow[]).map((r) => ({
        username: r.username,
        displayName: r.display_name,
        role: r.role,
        active: r.active === 1,
        hasPassword: r.password_hash !== null
      }))
    },
    async save(input: { username: string; displayName: string; role: string; password?: string; active: boolean }): Promise<OperatorInfo> {
      if (!(input.role in roles())) throw new AppError('INVALID_INPUT', `Ruolo sconosciuto: ${input.role}. Ruoli disponibili: ${Object.keys(roles()).join(', ')}.`)
      const hash = input.password ? await hashPassword(input.password) : null
      sqlite
        .prepare(
          `INSERT INTO operators (username, display_name, role, password_hash, active) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT(username) DO UPDATE SET display_name = excluded.display_name, role = excluded.role,
             password_hash = coalesce(excluded.password_hash, password_hash), active = excluded.active`
        )
        .run(input.username, input.displayName, input.role, hash, input.active ? 1 : 0)
      if (current?.username === input.username) current = byUsername.get(input.username) ?? null
      return this.list().find((o) => o.username === input.username)!
    },
    roles,
    saveRoles(next: Record<string, Permission[]>): Record<string, Permission[]> {
      if (!Object.values(next).some((p) => p.includes('settings.manage'))) {
        throw new AppError('INVALID_INPUT', 'Almeno un ruolo deve poter modificare le impostazioni.')
      }
      for (const row of sqlite.prepare('SELECT DISTINCT role FROM operators').pluck().all() as string[]) {
        if (!(row in next)) throw new AppError('INVALID_INPUT', `Il ruolo ${row} è assegnato a degli operatori e non può essere rimosso.`)
      }
      settings.set('roles', next)
      settings.set('roles.version', ROLES_VERSION)
      return next
    }
  }
}
export type Sessions = ReturnType<typeof createSessions>
