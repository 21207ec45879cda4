// The ente's name and office a position carries (GPD's companyName and officeName), stored once
// per pair in position_issuers (migration 0013): every writer of positions names the issuer by id.
import type Database from 'better-sqlite3'

/**
 * The id of the pair, added the first time it is written. Looked up in the table every time, not
 * remembered here: an id added in a transaction that rolls back is gone.
 */
export type IssuerIds = (companyName: string, officeName: string | null) => number

export function positionIssuerIds(sqlite: Database.Database): IssuerIds {
  const find = sqlite.prepare<[string, string | null], number>('SELECT id FROM position_issuers WHERE company_name = ? AND office_name IS ?').pluck()
  const add = sqlite.prepare<[string, string | null]>('INSERT INTO position_issuers (company_name, office_name) VALUES (?, ?)')
  return (companyName, officeName) => find.get(companyName, officeName) ?? Number(add.run(companyName, officeName).lastInsertRowid)
}

/**
 * The ids, remembered for the length of one transaction (the sync's batch): made anew for each,
 * so an id added by a transaction that rolls back is never handed out again.
 */
export function issuerIdsWithinTransaction(lookUp: IssuerIds): IssuerIds {
  const ids = new Map<string, number>()
  return (companyName, officeName) => {
    const key = `${companyName}\u0000${officeName ?? '\u0001'}`
    let id = ids.get(key)
    if (id === undefined) {
      id = lookUp(companyName, officeName)
      ids.set(key, id)
    }
    return id
  }
}
