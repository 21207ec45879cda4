// Small helpers for the desk's forms: Italian amounts typed by operators, today's date in Rome.

/** "1.234,56" or "1234,56" or "12" → cents; null when it is not an amount. */
export function centsInputToCents(text: string): number | null {
  const t = text.replace(/\s|€/g, '')
  if (!/^(\d{1,3}(\.\d{3})+|\d+)(,\d{1,2})?$/.test(t)) return null
  const [integer, fraction = ''] = t.split(',')
  return Number(integer!.replace(/\./g, '')) * 100 + Number(fraction.padEnd(2, '0'))
}

export function todayIso(): string {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' })
}

export function addDaysIso(day: string, days: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}
