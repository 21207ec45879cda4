// This workstation's desk number: the first three digits of every IUV it creates (see
// pagopa/iuv-allocator.ts). Two desks of one ente with the same number would issue the same
// notice numbers, so a live desk has no default: the number is chosen on purpose, checked against
// what the cache already knows, and a collision the sync detects blocks creation until it changes.
import type Database from 'better-sqlite3'
import { AppError } from '../../contract/errors'
import type { DeskCollisionInfo, DeskInfo, DeskSaveInput } from '../../contract/app'
import { message, type Message } from '../../contract/messages'
import type { AuditLog } from '../audit/audit-log'
import { deskDigits, issuedUpTo, MAX_DESK_NUMBER } from '../pagopa/iuv-allocator'
import { deskModeOf } from './cache-identity'
import type { EnteSettings, SettingsStore } from './settings'

export interface DeskSettings {
  /** 0-799: the first digits of every IUV this desk creates. */
  number: number
  name: string
}

/** The demo's desk: demo data use the 8xx and 9xx ranges, so it never meets them. */
export const DEMO_DESK: DeskSettings = { number: 1, name: 'Sportello 1' }

const DESK_KEY = 'desk'
const COLLISION_KEY = 'desk.collision'

/** The desk's number and name; null on a desk that has not chosen one (never in the demo). */
export function currentDesk(settings: SettingsStore): DeskSettings | null {
  return settings.get<DeskSettings>(DESK_KEY) ?? (deskModeOf(settings) === 'demo' ? DEMO_DESK : null)
}

/** Whether an IUV is in the range of this desk number (segregation code, then the desk's digits). */
export function inDeskRange(iuv: string, segregationCode: string, deskNumber: number): boolean {
  return iuv.length === 17 && iuv.startsWith(segregationCode) && iuv.slice(2, 5) === deskDigits(deskNumber)
}

/** A collision as the settings keep it: its sentence is said when it is read, in the reader's language. */
type StoredCollision = Omit<DeskCollisionInfo, 'message'>

export function deskCollision(settings: SettingsStore): DeskCollisionInfo | null {
  const found = settings.get<StoredCollision>(COLLISION_KEY)
  const desk = currentDesk(settings)
  // A collision belongs to the number it was found with: a new number starts clean.
  if (!found || !desk || found.deskNumber !== desk.number) return null
  return { deskNumber: found.deskNumber, iuv: found.iuv, iupd: found.iupd, detectedAt: found.detectedAt, message: collisionMessage(found.deskNumber) }
}

export function collisionMessage(deskNumber: number): Message {
  return message('settings.desk.collision', { number: deskNumber })
}

/**
 * Records a position on GPD that carries one of this desk's IUVs but was not created here. Called
 * by the sync; kept until the number changes.
 */
export function recordDeskCollision(settings: SettingsStore, found: { iuv: string; iupd: string }): void {
  const desk = currentDesk(settings)
  if (!desk || deskCollision(settings)) return
  settings.set(COLLISION_KEY, { deskNumber: desk.number, iuv: found.iuv, iupd: found.iupd, detectedAt: new Date().toISOString() } satisfies StoredCollision)
}

/** Why this desk cannot create dues now (no number, or a number in use elsewhere), or null. */
export function deskRefusal(settings: SettingsStore): Message | null {
  if (!currentDesk(settings)) return message('settings.desk.notSet')
  const collision = deskCollision(settings)
  return collision ? collision.message : null
}

export function createDeskService(ctx: { sqlite: Database.Database; settings: SettingsStore; audit: AuditLog; operator: () => string }) {
  const { sqlite, settings } = ctx
  const issuedWith = (n: number) => issuedUpTo(sqlite, n) > 0
  /** A position the cache knows, in that number's range, whose IUV this cache did not issue. */
  const foreignInRange = sqlite.prepare<[string, string], { iupd: string; iuv: string }>(
    `SELECT p.iupd, o.iuv FROM payment_options o JOIN positions p ON p.id = o.position_id
     WHERE o.iuv >= ? AND o.iuv < ? AND o.iuv NOT IN (SELECT iuv FROM issued_iuvs) LIMIT 1`
  )

  function info(): DeskInfo {
    const desk = currentDesk(settings)
    return { number: desk?.number ?? null, name: desk?.name ?? '', numbersIssued: desk ? issuedWith(desk.number) : false, collision: deskCollision(settings), maxNumber: MAX_DESK_NUMBER }
  }

  return {
    info,
    save(input: DeskSaveInput): DeskInfo {
      const before = currentDesk(settings)
      const ente = settings.get<EnteSettings>('ente')
      if (before && before.number !== input.number && issuedWith(before.number) && !input.confirm) {
        throw new AppError('CONFLICT', 'settings.desk.confirmChange', { number: before.number })
      }
      if (ente && before?.number !== input.number) {
        const prefix = `${ente.segregationCode}${deskDigits(input.number)}`
        const foreign = foreignInRange.get(prefix, `${prefix}~`)
        if (foreign) throw new AppError('CONFLICT', 'settings.desk.numberInUse', { number: input.number, iupd: foreign.iupd, iuv: foreign.iuv })
      }
      const next: DeskSettings = { number: input.number, name: input.name }
      sqlite.transaction(() => {
        settings.set(DESK_KEY, next)
        ctx.audit.append({ operator: ctx.operator(), action: 'settings', entity: 'settings', entityKey: 'desk', before: before ?? undefined, after: next, reason: input.reason ?? (before ? `Numero di sportello da ${before.number} a ${next.number}` : 'Numero di sportello impostato') })
      })()
      return info()
    }
  }
}
export type DeskService = ReturnType<typeof createDeskService>
