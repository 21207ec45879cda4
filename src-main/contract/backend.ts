// Which pagoPA backend the desk talks to: the embedded simulator (demo) or a real GPD, with its
// subscription keys kept in the secret store, never in the cache.
import { z } from 'zod'
import type { Message } from './messages'
import { inputMessage } from './messages/input'

/** A GPD address: where the desk's backend lives. */
export const BackendUrl = z.url({ protocol: /^https?$/, error: 'indirizzo del backend non valido (https://…)' }).max(300)
/** An API Management subscription key. */
export const SubscriptionKey = z.string().trim().min(8, inputMessage('keyTooShort')).max(200)
export const BackendTimeout = z.number().int().min(1_000).max(120_000)
const Key = SubscriptionKey.nullable().optional()

export const BackendSaveInput = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('embedded') }).strict(),
  z
    .object({
      mode: z.literal('gpd'),
      baseUrl: BackendUrl,
      timeoutMs: BackendTimeout.optional(),
      /** Absent: keep the stored one; null: remove it. */
      subscriptionKey: Key,
      receiptsSubscriptionKey: Key
    })
    .strict()
])
export const BackendTestInput = z.object({ baseUrl: BackendUrl, subscriptionKey: z.string().trim().max(200).optional() }).strict()

export interface BackendSettingsInfo {
  mode: 'embedded' | 'gpd'
  baseUrl: string | null
  timeoutMs: number | null
  hasKey: boolean
  hasReceiptsKey: boolean
  /** False where keys only last for this run (browser host: environment variables). */
  keyStorage: boolean
  /** The backend in use now. */
  active: Message
  /** The saved choice differs from the one in use: it applies at the next start. */
  restartNeeded: boolean
}
