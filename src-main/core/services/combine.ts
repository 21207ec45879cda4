// The desk's handlers are declared per domain (dues, pos, notices, …) and put together here: a
// method defined twice, or by nobody, is a mistake found at start, not at the first call.
import { METHOD_NAMES, type ServiceHandlers } from '../../contract/methods'

export function combine(...slices: Partial<ServiceHandlers>[]): ServiceHandlers {
  const combined: Partial<Record<string, unknown>> = {}
  for (const slice of slices) {
    for (const [name, handler] of Object.entries(slice)) {
      if (name in combined) throw new Error(`Metodo ${name} definito due volte nei servizi.`)
      combined[name] = handler
    }
  }
  const missing = METHOD_NAMES.filter((name) => !(name in combined))
  if (missing.length) throw new Error(`Metodi del contratto senza servizio: ${missing.join(', ')}.`)
  const unknown = Object.keys(combined).filter((name) => !(METHOD_NAMES as readonly string[]).includes(name))
  if (unknown.length) throw new Error(`Servizi fuori dal contratto: ${unknown.join(', ')}.`)
  return combined as ServiceHandlers
}
