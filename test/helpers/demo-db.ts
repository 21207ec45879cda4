import { join } from 'node:path'
import { openDatabase, type OpenedDatabase } from '../../src-main/core/db/open'
import { seedDemo } from '../../src-main/core/demo/seed'
import { MIGRATIONS, tempDir } from './paths'

/** "Today" for demo data in tests, so statuses and dates do not drift with the calendar. */
export const TEST_TODAY = new Date('2026-11-27T10:00:00Z')

export function openDemoDatabase(dues: number, seed = 7): OpenedDatabase & { cleanup: () => void } {
  const { dir, cleanup } = tempDir()
  const database = openDatabase(join(dir, 'sportello.db'), { migrationsFolder: MIGRATIONS })
  seedDemo(database.sqlite, { dues, seed, today: TEST_TODAY })
  return {
    ...database,
    cleanup: () => {
      database.close()
      cleanup()
    }
  }
}
