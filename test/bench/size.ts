// The cache-size figure of `npm run bench`: the file `sportello seed` made, checkpointed, against
// the bytes its rows hold (every value of every column, no page or index overhead), and where the
// space goes (dbstat), largest first.
import Database from 'better-sqlite3'
import { statSync } from 'node:fs'
import type { Figure } from './figure'

const DATA_TABLES = ['positions', 'payment_options', 'transfers', 'debtors']

export function benchSize(file: string, dues: number): Figure {
  const db = new Database(file)
  try {
    db.pragma('wal_checkpoint(TRUNCATE)')
    const fileBytes = statSync(file).size
    const free = (db.pragma('freelist_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number)
    let dataBytes = 0
    for (const table of DATA_TABLES) {
      const columns = db.prepare(`SELECT * FROM ${table} LIMIT 0`).columns().map((c) => c.name)
      dataBytes += db.prepare<[], number>(`SELECT sum(${columns.map((c) => `coalesce(length(CAST(${c} AS BLOB)), 0)`).join(' + ')}) FROM ${table}`).pluck().get() ?? 0
    }
    const parts = db.prepare<[], { name: string; bytes: number }>('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC LIMIT 12').all()
    const mb = (b: number) => Math.round(b / 1_048_576)
    return {
      name: `Dimensione della cache con ${dues.toLocaleString('it-IT')} dovuti`,
      value: mb(fileBytes),
      unit: 'MB',
      baseline: 'i byte dei valori delle righe (posizioni, opzioni, trasferimenti, debitori), senza pagine né indici',
      baselineValue: mb(dataBytes),
      ratio: Number((fileBytes / dataBytes).toPrecision(2)),
      target: '≤ 500 MB',
      note: `pagine libere ${mb(free)} MB; le parti più grandi: ${parts.map((p) => `${p.name} ${mb(p.bytes)} MB`).join(', ')}`
    }
  } finally {
    db.close()
  }
}
