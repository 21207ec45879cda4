import { spawn, type ChildProcess } from 'node:child_process'
import { CLI, ROOT } from './paths'

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `sportello` exactly as an operator would, in a child process. */
export function runCli(args: string[], timeoutMs = 120_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`sportello ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stderr}`))
    }, timeoutMs)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

export interface Served {
  url: string
  origin: string
  token: string
  child: ChildProcess
  stop(): Promise<void>
}

/** Starts `sportello serve` and waits for the one line that carries its URL. */
export function serve(args: string[], timeoutMs = 60_000): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', ...args], { cwd: ROOT })
    let stdout = ''
    let stderr = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`serve did not print its URL in ${timeoutMs} ms\n${stderr}`))
    }, timeoutMs)
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString()
      const match = /(http:\/\/127\.0\.0\.1:\d+)\/\?token=([A-Za-z0-9_-]+)/.exec(stdout)
      if (!match) return
      clearTimeout(timer)
      resolve({
        url: match[0],
        origin: match[1]!,
        token: match[2]!,
        child,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done()
            child.once('exit', () => done())
            child.kill('SIGTERM')
          })
      })
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`serve exited with ${code}\n${stderr}`))
    })
  })
}

/** `sportello simulate backend` in its own process; resolves with its URL once it prints it. */
export function simulateBackend(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [CLI, 'simulate', 'backend', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out)
      if (m) resolve({ url: m[0], child })
    })
    child.on('exit', (code) => reject(new Error(`simulator exited with ${code}`)))
  })
}
