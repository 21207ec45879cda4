// "Configurazione iniziale": the first start of a desk with an empty data folder. Either the
// embedded demo, or a live desk whose required settings are all given, and tested, in one call:
// nothing is created, synced or charged before that.
import { z } from 'zod'
import { inputMessage } from './messages/input'
import { DeskSaveInput } from './app'
import { BackendTimeout, BackendUrl, SubscriptionKey } from './backend'
import { EnteInput, OperatorInput } from './desk'
import { PosSettingsSchema } from './pos'

export const SetupBackendInput = z
  .object({
    baseUrl: BackendUrl,
    timeoutMs: BackendTimeout.optional(),
    subscriptionKey: SubscriptionKey.optional(),
    receiptsSubscriptionKey: SubscriptionKey.optional()
  })
  .strict()

export const SetupBackendTestInput = z.object({ baseUrl: BackendUrl, subscriptionKey: SubscriptionKey.optional(), enteFiscalCode: z.string().trim().regex(/^\d{11}$/, inputMessage('enteFiscalCode')) }).strict()

/** A live desk's terminal: none yet, or a real one (the virtual terminal is the demo's). */
export const SetupPosInput = z.union([z.object({ mode: z.literal('none') }).strict(), PosSettingsSchema.refine((p) => p.mode !== 'virtual', 'il terminale virtuale è solo per la prova con dati dimostrativi')])

export const SetupLiveInput = z
  .object({
    ente: EnteInput,
    desk: DeskSaveInput.pick({ number: true, name: true }),
    backend: SetupBackendInput,
    pos: SetupPosInput,
    printer: z.string().trim().min(1).max(200).nullable(),
    /** Who manages the desk: the first operator, with every permission. */
    admin: OperatorInput.pick({ username: true, displayName: true }).extend({ password: OperatorInput.shape.password.unwrap() })
  })
  .strict()
export type SetupLiveInput = z.input<typeof SetupLiveInput>
