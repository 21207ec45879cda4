import type { MAIL_MESSAGES } from '@contract/messages/mail'
import type { Catalog } from '@contract/messages'

export const MAIL_EN: Catalog<typeof MAIL_MESSAGES> = {
  notConfigured: 'No mail server is set up: whoever manages the settings sets it in Settings › E-mail.',
  passwordMissing: 'The mail server’s password is missing: enter it in Settings › E-mail.',
  invalidAddress: 'Invalid e-mail address: {address}',
  unreachable: 'Mail server unreachable ({server}): check the address and the network, then try again.',
  noAnswer: 'The mail server ({server}) does not answer: try again later.',
  authFailed: 'Signing in to the mail server failed: check user and password in Settings › E-mail.',
  addressRefused: 'Address refused by the mail server: {detail}',
  tlsFailed: 'Secure connection with the mail server failed ({server}): check the security type (TLS or STARTTLS).',
  sendFailed: 'Sending failed: {detail}'
}
