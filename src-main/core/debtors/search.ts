// The new-due wizard's search of known citizens, on the FTS5 index Cerca dovuti also uses
// (tokenizer, prefix terms): any words of the name in any order, each one a prefix ("russ fil"
// finds RUSSO FILIPPO), a company's name, a fiscal code or partita IVA in full or its beginning.
import type Database from 'better-sqlite3'
import type { DebtorInfo } from '../../contract/desk'
import { ftsQuery, searchWords } from '../db/fts'
import { debtorInfo, debtorStatements } from './records'

/** The words to look for: a code typed in groups ("RSS MRA 80A01…", "0119 9250") is one word. */
function wordsOf(text: string): string[] {
  const compact = text.replace(/\s+/g, '').toUpperCase()
  if (/\s/.test(text.trim()) && (/^[A-Z]{6}\d[0-9A-Z]*$/.test(compact) || /^\d+$/.test(compact))) return [compact.toLowerCase()]
  return searchWords(text)
}

const likePrefix = (word: string) => `${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

export function searchKnownDebtors(sqlite: Database.Database, text: string, limit: number): DebtorInfo[] {
  const words = wordsOf(text)
  if (words.join('').length < 2) return []
  return debtorStatements(sqlite)
    .search.all(ftsQuery(words), likePrefix(words[0]!), limit)
    .map(debtorInfo)
}
