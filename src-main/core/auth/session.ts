// Who is at the desk. One desk, one operator at a time: the session lives in the main process,
// whichever transport (the window, the browser host) the UI uses.
import type Database from 'better-sqlite3'
import { AppError } from '../../contract/errors'
import { PERMISSIONS, roleRefusal, type OperatorInfo, type Permission, type Session } from '../../contract/desk'
import type { SettingsStore } from '../settings/settings'
import type { Access } from '../../contract/methods'
import { allOperators, assignedRoles, operatorByUsername, saveOperatorRow, type OperatorRow } from '../db/queries/operators'
import { queryDb, type QueryDb } from '../db/queries/query-db'
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

interface SessionContext {
  db: QueryDb
  settings: SettingsStore
  current: OperatorRow | null
  /** Signed in automatically as the demo operator, until someone logs in or out. */
  demo: boolean
}

function currentRoles(c: SessionContext): Record<string, Permission[]> {
  const saved = c.settings.get<Record<string, Permission[]>>('roles')
  if (!saved) return DEFAULT_ROLES
  if ((c.settings.get<number>('roles.version') ?? 1) >= ROLES_VERSION) return saved
  const upgraded = upgradeRoles(saved)
  c.settings.set('roles', upgraded)
  c.settings.set('roles.version', ROLES_VERSION)
  return upgraded
}

const permissionsOf = (c: SessionContext, role: string) => currentRoles(c)[role] ?? []

function sessionOf(c: SessionContext): Session {
  const { current } = c
  return {
    operator: current ? { username: current.username, displayName: current.displayName, role: current.role, permissions: permissionsOf(c, current.role) } : null,
    demo: c.demo
  }
}

function signedInName(c: SessionContext): string {
  if (!c.current) throw new AppError('UNAUTHORIZED', 'auth.signInRequired')
  return c.current.displayName
}

function requirePermission(c: SessionContext, permission: Permission): void {
  if (!c.current) throw new AppError('UNAUTHORIZED', 'auth.signInRequired')
  if (!permissionsOf(c, c.current.role).includes(permission)) throw new AppError('FORBIDDEN', roleRefusal(permission, c.current.role))
}

function authorizeAccess(c: SessionContext, access: Access): void {
  if (access === 'public') return
  if (access === 'signedIn') void signedInName(c)
  else requirePermission(c, access)
}

async function signIn(c: SessionContext, username: string, password: string): Promise<Session> {
  const row = operatorByUsername(c.db, username.toLowerCase())
  // The same answer whether the user exists or not, and a hash computed either way.
  const valid = row?.passwordHash ? await verifyPassword(password, row.passwordHash) : (await hashPassword(password), false)
  if (!row || !valid || !row.active) throw new AppError('UNAUTHORIZED', 'auth.wrongCredentials')
  c.current = row
  c.demo = false
  return sessionOf(c)
}

function signOut(c: SessionContext): Session {
  c.current = null
  c.demo = false
  return sessionOf(c)
}

function listOperators(c: SessionContext): OperatorInfo[] {
  return allOperators(c.db).map((r) => ({
    username: r.username,
    displayName: r.displayName,
    role: r.role,
    active: r.active,
    hasPassword: r.passwordHash !== null
  }))
}

async function saveOperator(c: SessionContext, input: { username: string; displayName: string; role: string; password?: string; active: boolean }): Promise<OperatorInfo> {
  if (!(input.role in currentRoles(c))) throw new AppError('INVALID_INPUT', 'auth.unknownRole', { role: input.role, roles: Object.keys(currentRoles(c)).join(', ') })
  const hash = input.password ? await hashPassword(input.password) : null
  saveOperatorRow(c.db, { username: input.username, displayName: input.displayName, role: input.role, passwordHash: hash, active: input.active })
  if (c.current?.username === input.username) c.current = operatorByUsername(c.db, input.username) ?? null
  return listOperators(c).find((o) => o.username === input.username)!
}

function storeRoles(c: SessionContext, next: Record<string, Permission[]>): Record<string, Permission[]> {
  if (!Object.values(next).some((p) => p.includes('settings.manage'))) {
    throw new AppError('INVALID_INPUT', 'auth.settingsRoleRequired')
  }
  for (const role of assignedRoles(c.db)) {
    if (!(role in next)) throw new AppError('INVALID_INPUT', 'auth.roleInUse', { role })
  }
  c.settings.set('roles', next)
  c.settings.set('roles.version', ROLES_VERSION)
  return next
}

function createSessionContext(sqlite: Database.Database, settings: SettingsStore, demoOperator: string | undefined): SessionContext {
  const c: SessionContext = { db: queryDb(sqlite), settings, current: null, demo: false }
  if (demoOperator) {
    const row = operatorByUsername(c.db, demoOperator)
    if (row) {
      c.current = row
      c.demo = true
    }
  }
  return c
}

// The methods call the module's functions, not each other through `this`: they work detached too.
export function createSessions(sqlite: Database.Database, settings: SettingsStore, options: { demoOperator?: string }) {
  const c = createSessionContext(sqlite, settings, options.demoOperator)
  return {
    session: (): Session => sessionOf(c),
    /** The operator's name for the audit log; refuses when nobody is signed in. */
    operatorName(): string {
      return signedInName(c)
    },
    who(): { role: string; permissions: Permission[] } {
      if (!c.current) return { role: 'nessuno', permissions: [] }
      return { role: c.current.role, permissions: permissionsOf(c, c.current.role) }
    },
    /** The contract's access rule of a method, for the dispatcher: throws when the caller lacks it. */
    authorize(access: Access): void {
      authorizeAccess(c, access)
    },
    require(permission: Permission): void {
      requirePermission(c, permission)
    },
    login(username: string, password: string): Promise<Session> {
      return signIn(c, username, password)
    },
    logout(): Session {
      return signOut(c)
    },
    list(): OperatorInfo[] {
      return listOperators(c)
    },
    save(input: { username: string; displayName: string; role: string; password?: string; active: boolean }): Promise<OperatorInfo> {
      return saveOperator(c, input)
    },
    roles: (): Record<string, Permission[]> => currentRoles(c),
    saveRoles(next: Record<string, Permission[]>): Record<string, Permission[]> {
      return storeRoles(c, next)
    }
  }
}
export type Sessions = ReturnType<typeof createSessions>
