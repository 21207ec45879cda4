// Correcting the debtor of a due still unpaid (a wrong address, e-mail, phone, a name misspelt):
// what the operator may send, checked the same way by the due page's dialog and by the services.
// The fiscal code and the kind of subject are not here: changing them would make another debtor.
import { z } from 'zod'
import { EMAIL_PATTERN } from './format'
import { inputMessage } from './messages/input'

/** The fields a correction may change, in the order the dialog shows them. */
export const CORRECTABLE_DEBTOR_FIELDS = ['fullName', 'streetName', 'civicNumber', 'postalCode', 'city', 'province', 'country', 'email', 'phone'] as const
export type CorrectableDebtorField = (typeof CORRECTABLE_DEBTOR_FIELDS)[number]

/** How long each field may be: the schema below and the dialog's inputs read it here. */
export const CORRECTED_DEBTOR_MAX: Record<CorrectableDebtorField, number> = { fullName: 140, streetName: 140, civicNumber: 20, postalCode: 10, city: 60, province: 2, country: 2, email: 256, phone: 30 }
const MAX = CORRECTED_DEBTOR_MAX

/** A field the operator may leave empty: empty means the due no longer has it. */
const optionalText = (max: number) => z.string().trim().max(max).optional()
const twoLetters = /^([A-Za-z]{2})?$/

/**
 * The debtor as it will be on the due: every field, the empty ones included (a correction replaces
 * the whole debtor, so a wrong e-mail can also be removed). An empty country is Italy.
 */
export const CorrectedDebtor = z
  .object({
    fullName: z.string().trim().min(1, inputMessage('debtorFullName')).max(MAX.fullName),
    streetName: optionalText(MAX.streetName),
    civicNumber: optionalText(MAX.civicNumber),
    postalCode: optionalText(MAX.postalCode),
    city: optionalText(MAX.city),
    province: z.string().trim().regex(twoLetters, inputMessage('debtorProvince')).optional(),
    country: z.string().trim().regex(twoLetters, inputMessage('debtorCountry')).optional(),
    email: z.string().trim().max(MAX.email).refine((v) => v === '' || EMAIL_PATTERN.test(v), inputMessage('debtorEmail')).optional(),
    phone: optionalText(MAX.phone)
  })
  .strict()
  .superRefine((d, ctx) => {
    const italy = !d.country || d.country.toUpperCase() === 'IT'
    if (italy && d.postalCode && !/^\d{5}$/.test(d.postalCode)) ctx.addIssue({ code: 'custom', path: ['postalCode'], message: inputMessage('debtorPostalCode') })
  })
export type CorrectedDebtor = z.input<typeof CorrectedDebtor>

export const UpdateDebtorInput = z.object({
  iupd: z.string().min(1).max(60),
  debtor: CorrectedDebtor,
  reason: z.string().trim().min(3, inputMessage('changeReason')).max(500)
})
export type UpdateDebtorInput = z.input<typeof UpdateDebtorInput>
