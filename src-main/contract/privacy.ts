// Citizens' data in the cache (GDPR): export, erasure, and how long closed dues are kept.
import { z } from 'zod'
import { inputMessage } from './messages/input'

const FiscalCode = z.string().trim().min(11, inputMessage('citizenCode')).max(16, inputMessage('citizenCode'))

export const PrivacyCitizenInput = z.object({ fiscalCode: FiscalCode }).strict()
export const PrivacySettingsInput = z.object({ closedDays: z.number().int().min(30, inputMessage('retentionMin')).max(3650, inputMessage('retentionMax')) }).strict()

export interface PrivacySettingsInfo {
  closedDays: number
}
export interface PrivacyErasure {
  removedDues: number
  /** Dues still to be paid, or with changes not yet sent: the desk needs them, so they stay. */
  keptDues: string[]
  registryRemoved: boolean
}
