// Citizens' data in the cache (GDPR): export, erasure, and how long closed dues are kept.
import { z } from 'zod'

const FiscalCode = z.string().trim().min(11, 'codice fiscale di 16 caratteri o partita IVA di 11 cifre').max(16, 'codice fiscale di 16 caratteri o partita IVA di 11 cifre')

export const PrivacyCitizenInput = z.object({ fiscalCode: FiscalCode }).strict()
export const PrivacySettingsInput = z.object({ closedDays: z.number().int().min(30, 'almeno 30 giorni').max(3650, 'al massimo 10 anni') }).strict()

export interface PrivacySettingsInfo {
  closedDays: number
}
export interface PrivacyErasure {
  removedDues: number
  /** Dues still to be paid, or with changes not yet sent: the desk needs them, so they stay. */
  keptDues: string[]
  registryRemoved: boolean
}
