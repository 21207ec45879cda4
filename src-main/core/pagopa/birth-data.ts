// Birth date and place of a person, read from the fiscal code with codice-fiscale-js (its table
// of municipalities and foreign countries). Companies and numeric codes have none; an omocodic
// code is read through the code it stands for.
import CodiceFiscaleExport from 'codice-fiscale-js'
import { deOmocode, isValidPersonFiscalCode } from './fiscal-code'

type CodiceFiscaleClass = typeof CodiceFiscaleExport
// The package's CommonJS build exports `{ CodiceFiscale }` while its types declare a default
// export: whichever a bundler or Node's interop hands over, take the class.
const exported: unknown = CodiceFiscaleExport
const CodiceFiscale: CodiceFiscaleClass =
  typeof exported === 'function' ? CodiceFiscaleExport : (exported as { CodiceFiscale: CodiceFiscaleClass }).CodiceFiscale

export interface BirthData {
  /** yyyy-mm-dd */
  birthDate: string
  /** "ROMA (RM)"; a foreign country by its name alone. */
  birthPlace: string | null
  gender: 'M' | 'F'
}

const pad = (n: number) => String(n).padStart(2, '0')

export function birthDataOf(fiscalCode: string): BirthData | null {
  const code = fiscalCode.trim().toUpperCase()
  if (!isValidPersonFiscalCode(code)) return null
  try {
    const cf = new CodiceFiscale(deOmocode(code))
    if (!cf.year || !cf.month || !cf.day) return null
    const place = cf.birthplace
    const birthPlace = place?.nome ? (place.prov && place.prov !== 'EE' ? `${place.nome} (${place.prov})` : place.nome) : null
    return { birthDate: `${cf.year}-${pad(cf.month)}-${pad(cf.day)}`, birthPlace, gender: cf.gender }
  } catch {
    // A code with a valid check character but an unknown place or an impossible date.
    return null
  }
}
