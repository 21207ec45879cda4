#!/usr/bin/env node
// The `sportello` command (package.json "bin"). It runs the CLI built into out/cli by the app's
// build (`npm run build`, which `npm install` and `npm test` also run: electron.vite.config.ts),
// on plain Node: no TypeScript is compiled when the command starts.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..')
const built = join(packageRoot, 'out', 'cli', 'index.js')
if (!existsSync(built)) {
  process.stderr.write(`Errore: la riga di comando non è compilata (manca ${built}). Esegui prima: npm run build\n`)
  process.exit(2)
}
const load = createRequire(import.meta.url)
const { runCli } = load(built)
const { version } = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8'))
process.exitCode = await runCli(process.argv.slice(2), {
  packageRoot,
  version,
  stdout: process.stdout,
  stderr: process.stderr
})
