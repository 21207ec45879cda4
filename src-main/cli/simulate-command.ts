import { resolve } from 'node:path'
import { DEMO_ENTE } from '../core/demo/ente'
import { launchSimulator } from '../core/simulator/run'
import { CliError, integerOption, parse, type CommandContext } from './args'
import { join } from 'node:path'
import { simulatePos } from './simulate-pos'

export async function simulateCommand(args: string[], ctx: CommandContext): Promise<number> {
  const [what, ...rest] = args
  if (what === 'pos') return simulatePos(rest, ctx)
  if (what !== 'backend') throw new CliError('uso: sportello simulate backend [--port N] [--data DIR] [--seed N] [--fail-rate R] [--latency-ms N]  oppure  sportello simulate pos (--pty | --tcp PORTA) [--scenario NOME]')
  const parsed = parse(rest, { port: 'string', data: 'string', seed: 'string', 'fail-rate': 'string', 'latency-ms': 'string', 'hang-ms': 'string', 'subscription-key': 'string' })
  const failRate = parsed.values['fail-rate'] === undefined ? 0 : Number(parsed.values['fail-rate'])
  if (!(failRate >= 0 && failRate <= 1)) throw new CliError('--fail-rate deve essere un numero tra 0 e 1 (es. 0.3)')
  const simulator = await launchSimulator({
    dataDir: typeof parsed.values.data === 'string' ? resolve(parsed.values.data) : null,
    specsFolder: join(ctx.packageRoot, 'resources', 'specs', 'gpd'),
    ente: DEMO_ENTE,
    port: integerOption(parsed, 'port', 0, 65535) ?? 0,
    seed: integerOption(parsed, 'seed', 0, 5_000_000) ?? 0,
    faults: {
      failRate,
      latencyMs: integerOption(parsed, 'latency-ms', 0, 600_000) ?? 0,
      hangMs: integerOption(parsed, 'hang-ms', 0, 600_000) ?? 10_000
    },
    ...(typeof parsed.values['subscription-key'] === 'string' ? { subscriptionKey: parsed.values['subscription-key'] } : {})
  })
  ctx.stdout.write(`Simulatore GPD in ascolto su ${simulator.url} (ente ${DEMO_ENTE.fiscalCode}, ${simulator.store.count()} posizioni)\n`)
  await new Promise<void>((resolveStop) => {
    process.once('SIGINT', () => resolveStop())
    process.once('SIGTERM', () => resolveStop())
  })
  await simulator.close()
  return 0
}
