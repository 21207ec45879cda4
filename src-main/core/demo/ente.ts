import type { EnteSettings } from '../settings/settings'

// A fictitious Comune: its fiscal code, IBANs and postal account pass the real check-digit rules,
// and its due types use real taxonomy codes ("dati specifici di incasso") for Comuni.

export const DEMO_ENTE: EnteSettings = {
  name: 'Comune di Valdoria',
  fiscalCode: '00723456018',
  segregationCode: '01',
  cbill: 'A0VLD',
  sector: 'Servizi al cittadino',
  info: 'Piazza del Municipio 1 · 00000 Valdoria · www.comune.valdoria.it · tributi@comune.valdoria.it',
  officeName: 'Sportello polifunzionale',
  iupdPrefix: 'VLD'
}

export const DEMO_IBAN = 'IT98M0306909606100000046001'
export const DEMO_POSTAL_IBAN = 'IT48F0760101000000012345678'
export const DEMO_POSTAL_ACCOUNT = '12345678'

export interface DemoDueType {
  code: string
  label: string
  taxonomyCode: string
  defaultAmountCents: number | null
  /** Typical spread of amounts, in cents, for generated dues. */
  amountRange: [number, number]
  causaleTemplate: string
  installmentsAllowed: boolean
  postal: boolean
  /** Relative frequency among demo dues. */
  weight: number
}

export const DEMO_DUE_TYPES: DemoDueType[] = [
  { code: 'TARI', label: 'TARI - Tassa sui rifiuti', taxonomyCode: '9/0101101IM/', defaultAmountCents: null, amountRange: [8_000, 65_000], causaleTemplate: 'TARI {anno} - {debitore}', installmentsAllowed: true, postal: true, weight: 30 },
  { code: 'IMU', label: 'IMU - Imposta municipale propria', taxonomyCode: '9/0101100IM/', defaultAmountCents: null, amountRange: [15_000, 180_000], causaleTemplate: 'IMU {anno} acconto', installmentsAllowed: false, postal: true, weight: 8 },
  { code: 'MENSA', label: 'Mensa scolastica', taxonomyCode: '9/0107101TS/', defaultAmountCents: null, amountRange: [4_500, 32_000], causaleTemplate: 'Mensa scolastica {mese} {anno}', installmentsAllowed: false, postal: false, weight: 18 },
  { code: 'TRASP', label: 'Trasporto scolastico', taxonomyCode: '9/0107102SP/', defaultAmountCents: 18_000, amountRange: [9_000, 24_000], causaleTemplate: 'Trasporto scolastico a.s. {anno}', installmentsAllowed: true, postal: false, weight: 6 },
  { code: 'NIDO', label: 'Retta asilo nido', taxonomyCode: '9/0107106SP/', defaultAmountCents: null, amountRange: [12_000, 48_000], causaleTemplate: 'Retta asilo nido {mese} {anno}', installmentsAllowed: false, postal: false, weight: 6 },
  { code: 'SEGR', label: 'Diritti di segreteria', taxonomyCode: '9/0103100TS/', defaultAmountCents: 1_600, amountRange: [260, 5_200], causaleTemplate: 'Diritti di segreteria pratica n. {numero}', installmentsAllowed: false, postal: false, weight: 10 },
  { code: 'CIE', label: "Carta d'identità elettronica", taxonomyCode: '9/0104100TS/', defaultAmountCents: 2_221, amountRange: [2_221, 2_221], causaleTemplate: "Rilascio carta d'identità elettronica", installmentsAllowed: false, postal: false, weight: 5 },
  { code: 'CDS', label: 'Sanzioni Codice della Strada', taxonomyCode: '9/0102100SA/', defaultAmountCents: null, amountRange: [4_200, 34_400], causaleTemplate: 'Verbale CdS n. {numero} del {data}', installmentsAllowed: false, postal: true, weight: 10 },
  { code: 'CUP', label: 'Canone unico patrimoniale', taxonomyCode: '9/0101107TS/', defaultAmountCents: null, amountRange: [3_000, 90_000], causaleTemplate: 'Canone unico occupazione suolo pubblico {anno}', installmentsAllowed: true, postal: false, weight: 4 },
  { code: 'VOTIVE', label: 'Lampade votive', taxonomyCode: '9/0114100TS/', defaultAmountCents: 2_500, amountRange: [2_500, 5_000], causaleTemplate: 'Canone lampade votive {anno}', installmentsAllowed: false, postal: true, weight: 3 }
]
