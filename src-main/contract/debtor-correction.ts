// Correcting the debtor of a due still unpaid (a wrong address, e-mail, phone, a name misspelt):
// what the operator may send, checked the same way by the due page's dialog and by the services.
// The fiscal code and the kind of subject are not here: changing them would make another debtor.
import { z } from 'zod'
import { inputMessage } from './messages/input'

/** An e-mail address as the desk accepts it (the mail server is stricter still). */
export const EMAIL_PATTERN = /^[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)+$/

/** The fields a correction may change, in the order the dialog shows them. */
export const CORRECTABLE_DEBTOR_FIELDS = ['fullName', 'streetName', 'civicNumber', 'postalCode', 'city', 'province', 'country', 'email', 'phone'] as const
export type CorrectableDebtorField = (typeof CORRECTABLE_DEBTOR_FIELDS)[number]

/** A field the operator may leave empty: empty means the due no longer has it. */
const optionalText = (max: number) => z.string().trim().max(max).optional()
const twoLetters = /^([A-Za-z]{2})?$/

/**
 * The debtor as it will be on the due: every field, the empty ones included (a correction replaces
 * the whole debtor, so a wrong e-mail can also be removed). An empty country is Italy.
 */
export const CorrectedDebtor = z
  .object({
    fullName: z.string().trim().min(1, inputMessage('debtorFullName')).max(140),
    streetName: optionalText(140),
    civicNumber: optionalText(20),
    postalCode: optionalText(10),
    city: optionalText(60),
    province: z.string().trim().regex(twoLetters, inputMessage('debtorProvince')).optional(),
    country: z.string().trim().regex(twoLetters, inputMessage('debtorCountry')).optional(),
    email: z.string().trim().max(256).refine((v) => v === '' || EMAIL_PATTERN.test(v), inputMessage('debtorEmail')).optional(),
    phone: optionalText(30)
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
