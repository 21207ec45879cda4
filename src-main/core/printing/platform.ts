import { createCupsPrintSystem } from './cups'
import type { PrintSystem } from './printer'
import { createWindowsPrintSystem } from './windows'

/** The spooler of this workstation: Windows through pdf-to-printer, Linux and macOS through CUPS. */
export function createPlatformPrintSystem(platform = process.platform): Promise<PrintSystem> {
  return Promise.resolve(platform === 'win32' ? createWindowsPrintSystem() : createCupsPrintSystem())
}
