// GPD's clock: local date-times of Rome without an offset, as its APIs write them.

/** Now (or a given instant) as GPD writes it: yyyy-mm-ddThh:mm:ss in Rome's time zone. */
export function gpdNow(ms = Date.now()): string {
  return new Date(ms).toLocaleString('sv-SE', { timeZone: 'Europe/Rome' }).replace(' ', 'T')
}
