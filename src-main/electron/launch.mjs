#!/usr/bin/env node
// `npm start` (lives with the Electron adapters: it resolves the Electron binary): builds the app and opens it in Electron. Where Electron cannot start (no binary and
// no internet to fetch it, no display), it says so and opens the browser host instead, so the
// same desk UI is still reachable from a browser on this machine.
import { spawn, spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

const electronVite = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
const build = spawnSync(process.execPath, [electronVite, 'build'], {
  cwd: root,
  stdio: 'inherit'
})
if (build.status !== 0) process.exit(build.status ?? 1)

function browserHostInstead(reason) {
  console.error(`\nElectron non può avviarsi su questa macchina (${reason}).`)
  // The same data folder as the desktop app, in whatever world it belongs to: a new one shows the
  // first-run screen (demo in one click, or the ente's pagoPA), never a demo forced on a live desk.
  console.error("Avvio l'host per browser sulla cartella dati dell'app: apri nel browser l'indirizzo che segue.")
  console.error("Alla prima apertura si sceglie tra i dati dimostrativi e il collegamento al pagoPA dell'ente.")
  console.error('(Lo stesso si ottiene con: npx sportello serve; solo la prova: npx sportello serve --demo)\n')
  // The built `sportello` (out/cli, just built above), on plain Node like the command itself.
  const host = spawn(process.execPath, [join(root, 'bin', 'sportello.mjs'), 'serve'], {
    cwd: root,
    stdio: 'inherit'
  })
  host.on('exit', (code) => process.exit(code ?? 0))
}

let electronPath
try {
  // Electron 42+ fetches its binary on first use; without internet this throws.
  electronPath = require('electron')
} catch (error) {
  browserHostInstead(error instanceof Error ? error.message.split('\n')[0] : String(error))
}

if (electronPath) {
  const started = Date.now()
  const app = spawn(electronPath, ['.'], { cwd: root, stdio: 'inherit' })
  app.on('error', (error) => browserHostInstead(error.message))
  app.on('exit', (code) => {
    // A crash within seconds is a start failure (e.g. no display), not the operator closing the app.
    if (code !== 0 && Date.now() - started < 10_000) browserHostInstead(`uscita con codice ${code}`)
    else process.exit(code ?? 0)
  })
}
