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
