// Italian formats of contract data, shared by the renderer and the CLI so both show
// 1.234,56 € and dd/mm/yyyy the same way.

const euro = new Intl.NumberFormat('it-IT', {
  style: 'currency',
  currency: 'EUR',
  // Without 'always', it-IT leaves 1234,56 ungrouped (CLDR wants two grouping digits).
  useGrouping: 'always'
} as Intl.NumberFormatOptions)

export function formatCents(cents: number): string {
  return euro.format(cents / 100)
}

/** yyyy-mm-dd (or an ISO date-time) → dd/mm/yyyy, in Rome's time zone. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return ''
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso.split('-').reverse().join('/')
  return new Intl.DateTimeFormat('it-IT', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Rome' }).format(new Date(iso))
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  return new Intl.DateTimeFormat('it-IT', {
    day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Rome'
  }).format(new Date(iso))
}

/** "3010 0000 0000 0001 44": the notice number as notices print it, in groups of four. */
export function formatNoticeNumber(nav: string): string {
  return nav.replace(/(\d{4})(?=\d)/g, '$1 ')
}

export function formatCount(n: number): string {
  return new Intl.NumberFormat('it-IT', { useGrouping: 'always' } as Intl.NumberFormatOptions).format(n)
}

export const STATUS_LABELS_IT = {
  DRAFT: 'Bozza',
  PUBLISHED: 'Pubblicato',
  VALID: 'Da pagare',
  INVALID: 'Annullato',
  EXPIRED: 'Scaduto',
  PARTIALLY_PAID: 'Pagato in parte',
  PAID: 'Pagato',
  REPORTED: 'Pagato e rendicontato'
} as const

/** 1234,56 without currency or grouping: an amount as the operator edits it in a field. */
/** An e-mail address as the desk accepts it (the mail server is stricter still): one rule for every form and service. */
export const EMAIL_PATTERN = /^[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)+$/

export function formatAmountInput(cents: number): string {
  return `${Math.trunc(cents / 100)},${String(Math.abs(cents) % 100).padStart(2, '0')}`
}
