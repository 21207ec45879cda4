// A copy of the migrations folder as an older release shipped it, to write a cache the way that
// release did and then open it with today's migrations.
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { MIGRATIONS } from './paths'

/** The first `upTo` migrations (a count), or those before the one tagged `upTo`. */
export function olderMigrations(parent: string, upTo: number | string): string {
  const dir = join(parent, 'migrations')
  cpSync(MIGRATIONS, dir, { recursive: true })
  const journalFile = join(dir, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] }
  const count = typeof upTo === 'number' ? upTo : journal.entries.findIndex((e) => e.tag === upTo)
  if (count < 1) throw new Error(`migrazione ${upTo} non trovata`)
  journal.entries = journal.entries.slice(0, count)
  writeFileSync(journalFile, JSON.stringify(journal))
  return dir
}
