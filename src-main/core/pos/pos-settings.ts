// Which terminal the desk uses. Checked when saved, so the app never starts on a setting it
// cannot open.
import { z } from 'zod'
import { LRC_SCOPES } from './ecr17/frames'

const TerminalId = z.string().regex(/^\d{8}$/, 'il codice terminale ha 8 cifre')
const CashRegisterId = z.string().regex(/^\d{8}$/, 'il codice cassa ha 8 cifre').optional()

export const PosSettingsSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('virtual'), terminalId: TerminalId.optional(), cashRegisterId: CashRegisterId }).strict(),
  z
    .object({
      mode: z.literal('serial'),
      path: z.string().min(1),
      baudRate: z.number().int().positive().default(9600),
      dataBits: z.union([z.literal(7), z.literal(8)]).default(8),
      parity: z.enum(['none', 'even', 'odd']).default('none'),
      stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
      terminalId: TerminalId,
      cashRegisterId: CashRegisterId,
      scope: z.enum(LRC_SCOPES).optional()
    })
    .strict(),
  z
    .object({
      mode: z.literal('tcp'),
      host: z.string().min(1),
      port: z.number().int().min(1).max(65535),
      terminalId: TerminalId,
      cashRegisterId: CashRegisterId,
      scope: z.enum(LRC_SCOPES).optional()
    })
    .strict()
])
export type PosSettings = z.output<typeof PosSettingsSchema>
