// Types of scripts/test-system.mjs, for test/unit/test-system.test.ts.
export interface SystemCheckOptions {
  env?: NodeJS.ProcessEnv
  /** Overrides of DEFAULT_FILES. */
  files?: Partial<typeof DEFAULT_FILES>
  /** Directories searched after PATH (lpadmin, cupsd). */
  sbinDirs?: string[]
  /** Whether `systemctl start cups` or `cupsd` starts the scheduler. */
  systemd?: boolean
}

export interface SystemCheck {
  missing: string[]
  packages: string[]
  startScheduler: boolean
  createQueue: string | null
  fixes: string[]
}

export const PACKAGES: string[]
export const COMMANDS: { command: string; package: string }[]
export const DEFAULT_FILES: { chromium: string; cupsPdfBackend: string; cupsPdfPpd: string }
export const SBIN_DIRS: string[]
export const DEFAULT_QUEUE: string
export const PPD_MODEL: string
export function checkSystem(options?: SystemCheckOptions): SystemCheck
export function setUpCommands(result: SystemCheck, options?: { root?: boolean; systemd?: boolean }): string[]
export function main(argv?: string[], options?: SystemCheckOptions & { root?: boolean; out?: (line: string) => void }): number
