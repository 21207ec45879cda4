// CSV that Excel opens right away on an Italian PC: UTF-8 with BOM, semicolons, decimal commas,
// and codes kept as text (a notice number must not become 3,01E+17).
export const CSV_BOM = '\uFEFF'

export function csvCell(value: string): string {
  return /[";\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}
/** A formula that yields the text itself: Excel keeps every digit and leading zero. */
export const csvText = (digits: string) => `="${digits}"`
export const csvAmount = (cents: number) => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)},${String(Math.abs(cents) % 100).padStart(2, '0')}`
export const csvLine = (cells: string[]) => cells.join(';') + '\r\n'
