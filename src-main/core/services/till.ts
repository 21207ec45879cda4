// till.*: "Cassa", the desk's day: what was collected since the last cash closing, the closing with
// the cash counted, the closings made and their reports. The POS part stays in pos.* (pos.closeDay).
import type { ServiceHandlers } from '../../contract/methods'
import { createTill } from '../till/till'
import type { ServiceContext } from './context'

export function tillServices(ctx: ServiceContext) {
  const till = createTill({ sqlite: ctx.sqlite, settings: ctx.settings, operator: () => ctx.sessions.operatorName() })
  return {
    'till.day': (input) => till.day(input.day),
    'till.close': (input) => till.close(input),
    'till.closings': () => till.closings(),
    'till.report': async (input) => {
      const { filename, bytes } = await till.report(input.id, input.format)
      return { filename, base64: Buffer.from(bytes).toString('base64') }
    }
  } satisfies Partial<ServiceHandlers>
}
