// Which bytes the terminal's LRC covers is not in the public specification: find out with the
// status command, which has no side effects. The scope whose status request is acknowledged and
// whose reply checks under that same scope is the terminal's ("Prova connessione" in settings).
import { message, type Message } from '../../contract/messages'
import { LRC_SCOPES, type LrcScope } from '../../contract/pos'
import { ecr17, parseStatus, type TerminalStatus } from './ecr17/messages'
import { Ecr17Session } from './ecr17/session'
import type { ByteTransport } from './transport'

export interface Calibration {
  scope: LrcScope
  status: TerminalStatus
}

/** The link itself could not be opened: nothing reached a terminal under any scope. */
const LINK_NOT_OPENED: readonly string[] = ['pos.link.portNotOpened', 'pos.link.unreachable', 'pos.link.timeout']

export async function calibrateLrcScope(
  transport: ByteTransport,
  terminalId: string,
  options: { first?: LrcScope; ackTimeoutMs?: number; resultTimeoutMs?: number } = {}
): Promise<Calibration | { error: Message }> {
  const order = [options.first ?? 'payload+etx', ...LRC_SCOPES.filter((s) => s !== (options.first ?? 'payload+etx'))]
  let reached = false
  for (const scope of order) {
    const session = new Ecr17Session(transport, { scope, ackTimeoutMs: options.ackTimeoutMs ?? 1_500, resultTimeoutMs: options.resultTimeoutMs ?? 3_000, maxTransmissions: 1 })
    const answer = await session.request(ecr17.status({ terminalId }), { financial: false, expectResult: true, replyCodes: ['s'] })
    session.dispose()
    if (answer.kind === 'result') {
      const status = parseStatus(answer.message)
      if (status) return { scope, status }
    }
    if (answer.kind !== 'not-sent' || !LINK_NOT_OPENED.includes(answer.reason.key)) reached = true
  }
  return { error: message(reached ? 'pos.test.refusedEveryScope' : 'pos.test.unreachable') }
}
