// "Configurazione iniziale": the first start of a desk with an empty data folder. Either the
// embedded demo, or a live desk whose required settings are all given, and tested, in one call:
// nothing is created, synced or charged before that.
import { z } from 'zod'
import { DeskNumber } from './app'
import { EnteInput, OperatorInput } from './desk'
import { PosSettingsSchema } from './pos'

const BackendUrl = z.url({ protocol: /^https?$/, error: 'indirizzo del backend non valido (https://…)' }).max(300)
const Key = z.string().trim().min(8, 'chiave troppo corta').max(200).optional()

export const SetupBackendInput = z
  .object({
    baseUrl: BackendUrl,
    timeoutMs: z.number().int().min(1_000).max(120_000).optional(),
    subscriptionKey: Key,
    receiptsSubscriptionKey: Key
  })
  .strict()

export const SetupBackendTestInput = z.object({ baseUrl: BackendUrl, subscriptionKey: Key, enteFiscalCode: z.string().trim().regex(/^\d{11}$/, 'il codice fiscale dell’ente ha 11 cifre') }).strict()

/** A live desk's terminal: none yet, or a real one (the virtual terminal is the demo's). */
export const SetupPosInput = z.union([z.object({ mode: z.literal('none') }).strict(), PosSettingsSchema.refine((p) => p.mode !== 'virtual', 'il terminale virtuale è solo per la prova con dati dimostrativi')])

export const SetupLiveInput = z
  .object({
    ente: EnteInput,
    desk: z.object({ number: DeskNumber, name: z.string().trim().min(1, 'indicare il nome dello sportello').max(60) }),
    backend: SetupBackendInput,
    pos: SetupPosInput,
    printer: z.string().trim().min(1).max(200).nullable(),
    /** Who manages the desk: the first operator, with every permission. */
    admin: OperatorInput.pick({ username: true, displayName: true }).extend({ password: z.string().min(10, 'la password deve avere almeno 10 caratteri').max(200) })
  })
  .strict()
export type SetupLiveInput = z.input<typeof SetupLiveInput>
