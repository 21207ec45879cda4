// An amount written in Italian words, as on a cheque or a receipt: "centoventitré/45 euro". The
// euros in letters, joined as Italian writes numbers (ventuno, ventitré, centottanta, duemila),
// millions and billions as separate words (un milione duecentomila); the cents in figures.

const UNITS = ['zero', 'uno', 'due', 'tre', 'quattro', 'cinque', 'sei', 'sette', 'otto', 'nove', 'dieci', 'undici', 'dodici', 'tredici', 'quattordici', 'quindici', 'sedici', 'diciassette', 'diciotto', 'diciannove']
const TENS = ['', '', 'venti', 'trenta', 'quaranta', 'cinquanta', 'sessanta', 'settanta', 'ottanta', 'novanta']

/** 1-99. */
function belowHundred(n: number): string {
  if (n < 20) return UNITS[n]!
  const unit = n % 10
  const ten = TENS[Math.floor(n / 10)]!
  if (unit === 0) return ten
  // The tens lose their last vowel before "uno" and "otto": ventuno, trentotto.
  const head = unit === 1 || unit === 8 ? ten.slice(0, -1) : ten
  return head + (unit === 3 ? 'tré' : UNITS[unit]!)
}

/** 1-999. */
function belowThousand(n: number): string {
  const hundreds = Math.floor(n / 100)
  const rest = n % 100
  const head = hundreds === 0 ? '' : hundreds === 1 ? 'cento' : `${UNITS[hundreds]}cento`
  if (rest === 0) return head
  // "cento" loses its "o" before "ottanta" (centottanta), as usage has it; "centootto" keeps it.
  const tail = hundreds > 0 && rest === 3 ? 'tré' : belowHundred(rest)
  return (head && rest >= 80 && rest < 90 ? head.slice(0, -1) : head) + tail
}

/** 1-999 999. */
function belowMillion(n: number): string {
  const thousands = Math.floor(n / 1000)
  const rest = n % 1000
  const head = thousands === 0 ? '' : thousands === 1 ? 'mille' : `${belowThousand(thousands)}mila`
  if (rest === 0) return head
  return head + (head && rest === 3 ? 'tré' : belowThousand(rest))
}

/** A whole number of euros in Italian words; 0 is "zero". */
export function integerInWords(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`Numero non rappresentabile in lettere: ${n}`)
  if (n === 0) return 'zero'
  const parts: string[] = []
  const billions = Math.floor(n / 1e9)
  const millions = Math.floor((n % 1e9) / 1e6)
  const rest = n % 1e6
  if (billions > 0) parts.push(billions === 1 ? 'un miliardo' : `${integerInWords(billions)} miliardi`)
  if (millions > 0) parts.push(millions === 1 ? 'un milione' : `${belowThousand(millions)} milioni`)
  if (rest > 0) parts.push(belowMillion(rest))
  return parts.join(' ')
}

/** Cents as an Italian receipt writes the amount in words: "centoventitré/45 euro". */
export function amountInWords(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError(`Importo non valido: ${cents}`)
  return `${integerInWords(Math.floor(cents / 100))}/${String(cents % 100).padStart(2, '0')} euro`
}
