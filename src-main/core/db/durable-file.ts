// Small state files beside the cache that must survive it (the IUV and receipt reservations): read
// forgivingly, written so that a crash or a power cut leaves the old content or the new, never half.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs'

/** The file's JSON, or undefined when it is missing or unreadable (callers fall back to "nothing reserved"). */
export function readJsonFile(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown
  } catch {
    return undefined
  }
}

/** A temporary file written and flushed to disk, then renamed over the old one. */
export function writeJsonDurably(file: string, value: unknown): void {
  const temp = `${file}.tmp`
  const fd = openSync(temp, 'w')
  try {
    writeSync(fd, JSON.stringify(value))
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(temp, file)
}
