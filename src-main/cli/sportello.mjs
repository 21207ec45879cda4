#!/usr/bin/env node
// Launcher of the `sportello` command: runs the TypeScript CLI through tsx, so the command works
// straight after `npm install`, with no separate build of the CLI.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { tsImport } from 'tsx/esm/api'

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const { version } = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8'))
const { runCli } = await tsImport('./main.ts', import.meta.url)
const code = await runCli(process.argv.slice(2), {
  packageRoot,
  version,
  stdout: process.stdout,
  stderr: process.stderr
})
process.exitCode = code
