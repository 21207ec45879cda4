// Sending a notice by e-mail through the ente's own SMTP server (there is no pagoPA e-mail API):
// an Italian message with the due's summary and the notice attached; every sending is recorded in
// the due's history, and failures say in Italian what to check.
import type Database from 'better-sqlite3'
import nodemailer from 'nodemailer'
import { AppError } from '../../contract/errors'
import { message, type Message } from '../../contract/messages'
import { EMAIL_PATTERN, formatCents, formatDate, formatNoticeNumber } from '../../contract/format'
import { createAuditLog, type AuditLog } from '../audit/audit-log'
import { noticeDataFor } from '../notices/notice-data'
import { renderNotice, type NoticeData, type NoticeLayout } from '../notices/render'
import type { EnteSettings, SettingsStore } from '../settings/settings'
import type { SecretStore } from '../secrets/secrets'

export interface SmtpSettings {
  host: string
  port: number
  /** tls: TLS from the start (465); starttls: upgrade after connecting (587); none: only for a local relay. */
  security: 'tls' | 'starttls' | 'none'
  user: string | null
  fromAddress: string
  fromName: string
}


function explain(error: unknown, smtp: SmtpSettings): AppError {
  const e = error as { code?: string; responseCode?: number; message?: string }
  const server = `${smtp.host}:${smtp.port}`
  // nodemailer wraps socket errors as ESOCKET: the cause is in the message.
  if (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === 'EDNS' || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(e.message ?? '')) return new AppError('UNAVAILABLE', 'mail.unreachable', { server })
  if (e.code === 'ETIMEDOUT' || e.code === 'ESOCKET' || e.code === 'ECONNECTION') return new AppError('UNAVAILABLE', 'mail.noAnswer', { server })
  if (e.code === 'EAUTH') return new AppError('UNAVAILABLE', 'mail.authFailed')
  if (e.code === 'EENVELOPE') return new AppError('INVALID_INPUT', 'mail.addressRefused', { detail: e.message ?? '' })
  if (e.code === 'ETLS') return new AppError('UNAVAILABLE', 'mail.tlsFailed', { server })
  return new AppError('UNAVAILABLE', 'mail.sendFailed', { detail: e.message ?? String(error) })
}

export interface MailServiceOptions {
  sqlite: Database.Database
  settings: SettingsStore
  secrets: SecretStore
  operator: () => string
  /** Connection timeouts, shorter in tests. */
  timeoutMs?: number
}

/** Why no notice can be e-mailed from this desk (no mail server), or null: the due's page asks it before the click. */
export function mailRefusal(settings: SettingsStore): Message | null {
  return settings.get<SmtpSettings>('smtp') ? null : message('mail.notConfigured')
}

interface MailContext {
  sqlite: Database.Database
  settings: SettingsStore
  options: MailServiceOptions
  audit: AuditLog
}

/** A connection to the ente's mail server as the settings say, refused in Italian when they are incomplete. */
async function transport(c: MailContext) {
  const smtp = c.settings.get<SmtpSettings>('smtp')
  if (!smtp) throw new AppError('UNAVAILABLE', 'mail.notConfigured')
  const password = smtp.user ? await c.options.secrets.get('smtp.password') : null
  if (smtp.user && !password) throw new AppError('UNAVAILABLE', 'mail.passwordMissing')
  const timeout = c.options.timeoutMs ?? 20_000
  const transporter = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ignoreTLS: smtp.security === 'none',
    ...(smtp.user ? { auth: { user: smtp.user, pass: password! } } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout
  })
  return { smtp, transporter }
}

function composeMessage(c: MailContext, data: NoticeData): { subject: string; text: string } {
  const ente = c.settings.get<EnteSettings>('ente')!
  const first = data.single ?? data.installments[0]!
  const lines = [
    `Gentile ${data.debtor.fullName},`,
    '',
    `in allegato trova l'avviso di pagamento pagoPA relativo a: ${data.subject}.`,
    '',
    data.single ? `Importo: ${formatCents(data.single.amountCents)}, da pagare entro il ${formatDate(data.single.dueDate)}.` : null,
    data.installments.length
      ? `${data.single ? 'In alternativa può pagare' : 'Può pagare'} in ${data.installments.length} rate: ${data.installments.map((i) => `${formatCents(i.amountCents)} entro il ${formatDate(i.dueDate)}`).join('; ')}.`
      : null,
    `Codice avviso: ${formatNoticeNumber(first.nav)}`,
    `Codice fiscale dell'ente: ${ente.fiscalCode}${ente.cbill ? ` · Codice CBILL: ${ente.cbill}` : ''}`,
    '',
    "Può pagare con l'app IO, dal suo home banking o con la sua app di pagamento (circuito pagoPA), oppure presso banche, uffici postali, tabaccherie e gli altri punti abilitati, mostrando l'avviso allegato.",
    '',
    'Cordiali saluti',
    [ente.name, ente.officeName].filter(Boolean).join(' – '),
    ente.info
  ].filter((l): l is string => l !== null)
  return { subject: `Avviso di pagamento pagoPA – ${data.subject}`, text: lines.join('\n') }
}

async function sendNotice(c: MailContext, iupd: string, to: string, layout: NoticeLayout): Promise<{ messageId: string; to: string }> {
  const recipient = to.trim()
  if (!EMAIL_PATTERN.test(recipient)) throw new AppError('INVALID_INPUT', 'mail.invalidAddress', { address: to })
  const { smtp, transporter } = await transport(c)
  const data = noticeDataFor(c.sqlite, c.settings, iupd)
  const pdf = await renderNotice(data, { layout })
  const composed = composeMessage(c, data)
  const nav = (data.single ?? data.installments[0]!).nav
  try {
    const info = await transporter.sendMail({
      from: { name: smtp.fromName, address: smtp.fromAddress },
      to: recipient,
      subject: composed.subject,
      text: composed.text,
      attachments: [{ filename: `avviso-${nav}.pdf`, content: Buffer.from(pdf), contentType: 'application/pdf' }]
    })
    c.audit.append({ operator: c.options.operator(), action: 'email', entity: 'position', entityKey: iupd, reason: `Avviso inviato a ${recipient}` })
    return { messageId: String(info.messageId), to: recipient }
  } catch (error) {
    c.audit.append({ operator: c.options.operator(), action: 'emailFailed', entity: 'position', entityKey: iupd, reason: `Invio a ${recipient} non riuscito` })
    throw explain(error, smtp)
  } finally {
    transporter.close()
  }
}

async function verifyServer(c: MailContext): Promise<void> {
  const { smtp, transporter } = await transport(c)
  try {
    await transporter.verify()
  } catch (error) {
    throw explain(error, smtp)
  } finally {
    transporter.close()
  }
}

export function createMailService(options: MailServiceOptions) {
  const c: MailContext = { sqlite: options.sqlite, settings: options.settings, options, audit: createAuditLog(options.sqlite) }
  return {
    /** The text the citizen receives: the due's summary and how to pay, in Italian. */
    compose(data: NoticeData) {
      return composeMessage(c, data)
    },

    send(iupd: string, to: string, layout: NoticeLayout = 'it'): Promise<{ messageId: string; to: string }> {
      return sendNotice(c, iupd, to, layout)
    },

    /** Checks the settings by connecting and authenticating, without sending anything. */
    verify(): Promise<void> {
      return verifyServer(c)
    }
  }
}
export type MailService = ReturnType<typeof createMailService>
