// Impostazioni › Ente: the creditor on every notice and GPD call, its notice details and logo.
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import type { z } from 'zod'
import type { EnteInfo, EnteSaveInput } from '../../contract/desk'
import { AppError } from '../../contract/errors'
import { isValidNumericFiscalCode } from '../pagopa/fiscal-code'
import { enteChangeRefusal, readIdentity } from './cache-identity'
import type { NoticeSettings, SettingsStore } from './settings'

const PNG_SIGNATURE = '89504e470d0a1a0a'

export function createEnteSettings(ctx: { sqlite: Database.Database; settings: SettingsStore; dataDir: string }) {
  const logoPath = join(ctx.dataDir, 'logo-ente.png')
  function info(): EnteInfo {
    const notice = ctx.settings.get<NoticeSettings>('notice') ?? {}
    return {
      ente: ctx.settings.get<EnteInfo['ente']>('ente') ?? null,
      notice: { website: notice.website, postalAuthorization: notice.postalAuthorization, postalHolder: notice.postalHolder },
      hasLogo: notice.logoPath !== undefined && existsSync(notice.logoPath)
    }
  }
  return {
    info,
    save(input: z.output<typeof EnteSaveInput>): EnteInfo {
      if (!isValidNumericFiscalCode(input.ente.fiscalCode)) throw new AppError('INVALID_INPUT', 'settings.ente.invalidFiscalCode', { code: input.ente.fiscalCode })
      // A live cache holds one ente's dues: it never becomes another's.
      const otherEnte = enteChangeRefusal(readIdentity(ctx.sqlite, ctx.settings), input.ente.fiscalCode)
      if (otherEnte) throw new AppError('CONFLICT', otherEnte)
      const previous = ctx.settings.get<NoticeSettings>('notice') ?? {}
      let logo = previous.logoPath
      if (input.logoPngBase64 === null) {
        rmSync(logoPath, { force: true })
        logo = undefined
      } else if (input.logoPngBase64) {
        const bytes = Buffer.from(input.logoPngBase64, 'base64')
        // Only a PNG: the notice embeds it as such.
        if (bytes.subarray(0, 8).toString('hex') !== PNG_SIGNATURE) throw new AppError('INVALID_INPUT', 'settings.ente.logoNotPng')
        writeFileSync(logoPath, bytes)
        logo = logoPath
      }
      ctx.settings.set('ente', { ...input.ente, cbill: input.ente.cbill.toUpperCase() })
      ctx.settings.set('notice', { ...input.notice, ...(logo ? { logoPath: logo } : {}) } satisfies NoticeSettings)
      return info()
    }
  }
}
