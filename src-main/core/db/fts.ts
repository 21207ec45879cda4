// What the operator types, as FTS5 queries: the same words and prefix terms for Cerca dovuti
// (positions_fts) and the wizard's search of known citizens (debtors_fts).

/** Splits text into searchable words: letters and digits, accents folded by the index itself. */
export function searchWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8)
}

/** FTS5 query of quoted prefix terms: what the operator typed can never become FTS syntax. */
export function ftsQuery(words: string[]): string {
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ')
}
