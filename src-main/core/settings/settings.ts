import type Database from 'better-sqlite3'

/** The creditor (ente) this desk works for: what notices print and GPD calls carry. */
export interface EnteSettings {
  name: string
  fiscalCode: string
  /** Segregation code assigned by PagoPA to the ente's IUV generation point. */
  segregationCode: string
  cbill: string
  sector: string
  info: string
  officeName: string
  /** Short prefix of the IUPDs this desk creates, e.g. "VLD". */
  iupdPrefix: string
}

/** What the ente's notices say beyond the ente itself (Impostazioni › Ente). */
export interface NoticeSettings {
  /** "sul sito di …" in "Dove pagare?": shown when set. */
  website?: string
  /** Path of the ente's logo (PNG, square, at least 354 px for 30 mm at 300 dpi). */
  logoPath?: string
  /** Poste's authorisation for printing bollettini in-house: "AUT. DB/…/… DEL dd/mm/yyyy". */
  postalAuthorization?: string
  /** Holder of the postal account, when it is not the ente's name. */
  postalHolder?: string
}

export interface SettingsStore {
  get<T>(key: string): T | undefined
  set(key: string, value: unknown): void
}

export function createSettingsStore(sqlite: Database.Database): SettingsStore {
  const select = sqlite.prepare<[string], { value_json: string }>('SELECT value_json FROM settings WHERE key = ?')
  const upsert = sqlite.prepare(
    'INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json'
  )
  return {
    get<T>(key: string): T | undefined {
      const row = select.get(key)
      return row ? (JSON.parse(row.value_json) as T) : undefined
    },
    set(key: string, value: unknown): void {
      upsert.run(key, JSON.stringify(value))
    }
  }
}
