// npm run soak: the mixed soak for SOAK_SECONDS (default 300), printing its final line.
import { runSoak } from './soak'

const seconds = Number(process.env.SOAK_SECONDS ?? 300)
void runSoak({ seconds, seed: Number(process.env.SOAK_SEED ?? Date.now() % 100_000), onProgress: (t) => process.stderr.write(`${t}\n`) }).then((r) => {
  for (const d of r.differences) process.stderr.write(`${d}\n`)
  process.stdout.write(`${r.line}\n`)
  process.exitCode = r.equal && r.pending === 0 && r.failed === 0 ? 0 : 1
})
