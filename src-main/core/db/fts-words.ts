// The full-text index's notion of "these words match this row", computed on a row's own text.
// The search walks an ordered index and tests each row with it when the words are common (see
// dues/search-plan.ts), and must then find exactly the rows positions_fts would: this mirrors
// its tokenizer, unicode61 with remove_diacritics 2, and prefix terms (ftsQuery in fts.ts).
// - Tokens are runs of letters, digits and private-use characters; combining diacritical marks
//   (U+0300-U+036F, as in a decomposed "José") continue a token and are dropped from it;
//   everything else separates.
// - Tokens and words are lower-cased, and Latin letters lose their diacritics: SQLite's table
//   covers Latin-1 to Latin Extended-B and Latin Extended Additional (U+00C0-U+024F,
//   U+1E00-U+1EFF), so other scripts keep theirs here too.
// - Every word must be the prefix of a token of either column.
// test/unit/search-plan.test.ts compares both ways on a cache with accented names.

const TOKEN_SEPARATORS = /[^\p{L}\p{N}\p{Co}\u0300-\u036f]+/u
const COMBINING_MARKS = /[\u0300-\u036f]/gu
// eslint-disable-next-line no-control-regex -- plain ASCII, control characters included
const ASCII = /^[\x00-\x7f]*$/
const LATIN_WITH_DIACRITICS = /[\u00c0-\u024f\u1e00-\u1eff]/gu

function fold(token: string): string {
  const lower = token.toLowerCase()
  if (ASCII.test(lower)) return lower
  return lower.replace(COMBINING_MARKS, '').replace(LATIN_WITH_DIACRITICS, (c) => c.normalize('NFD').replace(/\p{M}/gu, '') || c)
}

/** The words as the index compares them: folded like its tokens. */
export function foldWords(words: string[]): string[] {
  return words.map(fold)
}

function isTokenChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90)
}

/** ASCII text: find the word where a token starts, without splitting (the common case, fast). */
function asciiHas(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (at === 0 || !isTokenChar(text.charCodeAt(at - 1))) return true
  }
  return false
}

function tokensOf(text: string): string[] {
  return text.split(TOKEN_SEPARATORS).filter(Boolean).map(fold)
}

/** Whether every (folded) word starts a token of one of the texts. */
export function wordsMatch(folded: string[], ...texts: (string | null)[]): boolean {
  const ascii: string[] = []
  let tokens: string[] | null = null
  for (const text of texts) {
    if (!text) continue
    if (ASCII.test(text)) ascii.push(text.toLowerCase())
    else (tokens ??= []).push(...tokensOf(text))
  }
  return folded.every((word) => ascii.some((text) => asciiHas(text, word)) || (tokens?.some((t) => t.startsWith(word)) ?? false))
}
