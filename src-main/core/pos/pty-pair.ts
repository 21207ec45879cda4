// A pair of pseudo-terminals joined by socat: real serial I/O between the desk and the simulator
// (or a test) without hardware. socat is started with an argument list, never through a shell.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface PtyPair {
  /** The end the desk opens, as it would open COM3 or /dev/ttyUSB0. */
  ecrPath: string
  /** The terminal's end. */
  posPath: string
  process: ChildProcess
  close(): void
}

export async function createPtyPair(directory = mkdtempSync(join(tmpdir(), 'sportello-pty-'))): Promise<PtyPair> {
  const ecrPath = join(directory, 'ecr')
  const posPath = join(directory, 'pos')
  const child = spawn('socat', [`pty,raw,echo=0,link=${ecrPath}`, `pty,raw,echo=0,link=${posPath}`], { stdio: 'ignore' })
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`socat non avviabile: ${error.message}`)))
    child.once('exit', (code) => reject(new Error(`socat terminato (${code})`)))
  })
  const ready = (async () => {
    for (let i = 0; i < 100; i++) {
      if (existsSync(ecrPath) && existsSync(posPath)) return
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error('socat non ha creato i terminali virtuali')
  })()
  await Promise.race([ready, failed])
  return { ecrPath, posPath, process: child, close: () => child.kill('SIGTERM') }
}
