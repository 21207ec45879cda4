// GPD's clock: local date-times of Rome without an offset, as its APIs write them.

// One formatter for the process: toLocaleString with a time zone builds a new one at every call,
// which made the sync spend more time on dates than on SQLite (two calls per date-time it reads).
const ROME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Rome',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23'
})

/** Now (or a given instant) as GPD writes it: yyyy-mm-ddThh:mm:ss in Rome's time zone. */
export function gpdNow(ms = Date.now()): string {
  return ROME.format(ms).replace(' ', 'T')
}

/**
 * A date-time as GPD writes it (Rome's local time, no offset) as an ISO instant in UTC, so it can
 * be compared with the desk's own dates; one with an offset or a Z is taken as it is. Null when
 * unreadable.
 */
export function gpdTimeToIso(gpd: string | null | undefined): string | null {
  if (!gpd) return null
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(gpd)) {
    const ms = Date.parse(gpd)
    return Number.isNaN(ms) ? null : new Date(ms).toISOString()
  }
  const asUtc = Date.parse(`${gpd.length === 10 ? `${gpd}T00:00:00` : gpd}Z`)
  if (Number.isNaN(asUtc)) return null
  // Rome's offset at that moment: the difference between the wall clock there and UTC (twice, for the DST edges).
  let ms = asUtc
  for (let i = 0; i < 2; i++) ms = asUtc - romeOffsetMs(ms)
  return new Date(ms).toISOString()
}

const HOUR_MS = 3_600_000
/** Since 1900 Rome's offset is whole hours and changes on the hour: one formatting an hour of the clock is enough. */
const HOURLY_SINCE = Date.UTC(1900, 0, 1)
const offsetByHour = new Map<number, number>()

/**
 * How far Rome's wall clock (to the second) is ahead of UTC at an instant. The sync reads a date-time
 * of every position it writes; formatting each twice cost more than the rest of its mapping.
 */
function romeOffsetMs(ms: number): number {
  if (ms < HOURLY_SINCE) return Date.parse(`${gpdNow(ms)}Z`) - Math.floor(ms / 1000) * 1000
  const hour = Math.floor(ms / HOUR_MS) * HOUR_MS
  let offset = offsetByHour.get(hour)
  if (offset === undefined) {
    offset = Date.parse(`${gpdNow(hour)}Z`) - hour
    if (offsetByHour.size >= 100_000) offsetByHour.clear()
    offsetByHour.set(hour, offset)
  }
  return offset
}
