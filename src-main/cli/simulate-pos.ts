import { POS_SCENARIOS, type PosScenario } from '../core/pos/simulator'
import { serveTerminalOnPty, serveTerminalOnTcp } from '../core/pos/serve-simulator'
import { LRC_SCOPES, type LrcScope } from '../contract/pos'
import { CliError, integerOption, parse, type CommandContext } from './args'

/** sportello simulate pos (--pty | --tcp PORT) [--scenario NAME] [--terminal-id ID] [--lrc SCOPE] */
export async function simulatePos(args: string[], ctx: CommandContext): Promise<number> {
  const parsed = parse(args, { pty: 'boolean', tcp: 'string', scenario: 'string', 'terminal-id': 'string', lrc: 'string' })
  const scenario = (parsed.values.scenario ?? 'approve') as PosScenario
  if (!POS_SCENARIOS.includes(scenario)) throw new CliError(`scenario sconosciuto: ${scenario}. Scenari: ${POS_SCENARIOS.join(', ')}`)
  const scope = (parsed.values.lrc ?? 'payload+etx') as LrcScope
  if (!LRC_SCOPES.includes(scope)) throw new CliError(`--lrc deve essere uno tra: ${LRC_SCOPES.join(', ')}`)
  const terminalId = typeof parsed.values['terminal-id'] === 'string' ? parsed.values['terminal-id'] : '12345678'
  if (!/^\d{8}$/.test(terminalId)) throw new CliError('--terminal-id ha 8 cifre')
  const options = { scenario, scope, terminalId }
  let served
  if (parsed.values.pty) served = await serveTerminalOnPty(options)
  else if (typeof parsed.values.tcp === 'string') served = await serveTerminalOnTcp(options, integerOption(parsed, 'tcp', 0, 65535) ?? 0)
  else throw new CliError('indicare --pty oppure --tcp PORTA')
  ctx.stdout.write(
    parsed.values.pty
      ? `Terminale POS simulato (ECR17, scenario ${scenario}) sulla porta seriale ${served.address}\n`
      : `Terminale POS simulato (ECR17, scenario ${scenario}) su 127.0.0.1:${served.address}\n`
  )
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve())
    process.once('SIGTERM', () => resolve())
  })
  await served.close()
  return 0
}
