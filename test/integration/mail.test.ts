// Sending the notice through a real SMTP server on loopback (smtp-server, with authentication),
// then reading the message back: recipient, Italian text, and the attachment being the notice.
import { simpleParser, type ParsedMail } from 'mailparser'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEnvSecretStore } from '../../src-main/core/secrets/secrets'
import { createMailService, type SmtpSettings } from '../../src-main/core/mail/mailer'
import { createSettingsStore } from '../../src-main/core/settings/settings'
import { openDemoDatabase } from '../helpers/demo-db'
import { decodePdf } from '../helpers/pdf'

const db = openDemoDatabase(150)
const settings = createSettingsStore(db.sqlite)
const received: ParsedMail[] = []
let server: SMTPServer
let port: number

beforeAll(async () => {
  server = new SMTPServer({
    secure: false,
    authOptional: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === 'sportello' && auth.password === 'segreta') return callback(null, { user: 'sportello' })
      return callback(new Error('Invalid username or password'))
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        received.push(mail)
        callback()
      }, callback)
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.server.address() as AddressInfo).port
})
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
  db.cleanup()
})

const smtp = (over: Partial<SmtpSettings> = {}): SmtpSettings => ({ host: '127.0.0.1', port, security: 'none', user: 'sportello', fromAddress: 'tributi@comune.valdoria.it', fromName: 'Comune di Valdoria', ...over })
const payable = () => db.sqlite.prepare("SELECT iupd FROM positions WHERE status = 'VALID' LIMIT 1").pluck().get() as string

describe('sending the notice by e-mail', () => {
  it('delivers an Italian message with the notice attached, and records it', async () => {
    settings.set('smtp', smtp())
    const mail = createMailService({ sqlite: db.sqlite, settings, secrets: createEnvSecretStore({ SPORTELLO_SMTP_PASSWORD: 'segreta' }), operator: () => 'Operatore di prova' })
    const iupd = payable()
    const sent = await mail.send(iupd, 'mario.rossi@example.it')
    expect(sent.to).toBe('mario.rossi@example.it')
    await expect.poll(() => received.length).toBe(1)
    const message = received[0]!
    expect(message.subject).toMatch(/^Avviso di pagamento pagoPA – /)
    expect(message.from?.text).toBe('"Comune di Valdoria" <tributi@comune.valdoria.it>')
    expect(message.text).toContain('Gentile ')
    expect(message.text).toMatch(/Codice avviso: 3\d{3} \d{4} \d{4} \d{4} \d{2}/)
    expect(message.attachments).toHaveLength(1)
    const attachment = message.attachments[0]!
    expect(attachment.contentType).toBe('application/pdf')
    expect(attachment.filename).toMatch(/^avviso-3\d{17}\.pdf$/)
    const qr = decodePdf(new Uint8Array(attachment.content)).qr[0]!
    expect(attachment.filename).toContain(qr.split('|')[2]!)
    expect(db.sqlite.prepare("SELECT reason FROM audit_log WHERE entity_key = ? AND action = 'email'").pluck().get(iupd)).toBe('Avviso inviato a mario.rossi@example.it')
  })

  it('says what to check when the password is wrong, the server is down or nothing is configured', async () => {
    const iupd = payable()
    settings.set('smtp', smtp())
    const wrong = createMailService({ sqlite: db.sqlite, settings, secrets: createEnvSecretStore({ SPORTELLO_SMTP_PASSWORD: 'sbagliata' }), operator: () => 'x' })
    await expect(wrong.send(iupd, 'a@example.it')).rejects.toThrow('Autenticazione al server di posta non riuscita')
    settings.set('smtp', smtp({ port: 1 }))
    const down = createMailService({ sqlite: db.sqlite, settings, secrets: createEnvSecretStore({ SPORTELLO_SMTP_PASSWORD: 'segreta' }), operator: () => 'x', timeoutMs: 2_000 })
    await expect(down.send(iupd, 'a@example.it')).rejects.toThrow(/Server di posta non raggiungibile \(127\.0\.0\.1:1\)/)
    await expect(down.send(iupd, 'non-un-indirizzo')).rejects.toThrow('Indirizzo e-mail non valido: non-un-indirizzo')
    settings.set('smtp', smtp({ port }))
    const noPassword = createMailService({ sqlite: db.sqlite, settings, secrets: createEnvSecretStore({}), operator: () => 'x' })
    await expect(noPassword.send(iupd, 'a@example.it')).rejects.toThrow('Manca la password del server di posta')
    // The password never lands in the cache.
    const dump = JSON.stringify(db.sqlite.prepare('SELECT * FROM settings').all())
    expect(dump).not.toContain('segreta')
  })
})
