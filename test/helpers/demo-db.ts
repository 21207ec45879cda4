import { join } from 'node:path'
import { openDatabase, type OpenedDatabase } from '../../src-main/core/db/open'
import { seedDemo } from '../../src-main/core/demo/seed'
import { saveIdentity } from '../../src-main/core/settings/cache-identity'
import { createSettingsStore } from '../../src-main/core/settings/settings'
import { MIGRATIONS, tempDir } from './paths'

/** "Today" for demo data in tests, so statuses and dates do not drift with the calendar. */
export const TEST_TODAY = new Date('2026-11-27T10:00:00Z')

export function openDemoDatabase(dues: number, seed = 7): OpenedDatabase & { cleanup: () => void } {
  const { dir, cleanup } = tempDir()
  const database = openDatabase(join(dir, 'sportello.db'), { migrationsFolder: MIGRATIONS })
  seedDemo(database.sqlite, { dues, seed, today: TEST_TODAY })
  // Demo dues make a demo desk: desk number 1, the virtual terminal.
  saveIdentity(createSettingsStore(database.sqlite), { mode: 'demo', boundAt: TEST_TODAY.toISOString() })
  return {
    ...database,
    cleanup: () => {
      database.close()
      cleanup()
    }
  }
}
