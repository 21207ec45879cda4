// ECR17 ("Protocollo 17") framing, as Nexi's public "Communication Protocol" page describes it:
//   application packet  STX · message · ETX · LRC       (LRC: XOR from 0x7F)
//   progress packet     SOH · 20 characters · EOT        (no LRC, not acknowledged)
//   ACK / NAK           ACK|NAK · ETX · LRC              (3 bytes)
// Which bytes the LRC covers is not specified publicly and implementations disagree: the scope is
// a per-terminal setting, found by calibration with the side-effect-free status command.

export const STX = 0x02
export const ETX = 0x03
export const SOH = 0x01
export const EOT = 0x04
export const ACK = 0x06
export const NAK = 0x15

import type { LrcScope } from '../../../contract/pos'

export const PROGRESS_TEXT_LENGTH = 20

export function lrc(payload: Uint8Array, scope: LrcScope): number {
  let value = 0x7f
  if (scope.startsWith('stx')) value ^= STX
  for (const byte of payload) value ^= byte
  if (scope.endsWith('etx')) value ^= ETX
  return value
}

export function encodeApplication(message: string, scope: LrcScope): Buffer {
  const payload = Buffer.from(message, 'latin1')
  for (const byte of payload) {
    if (byte < 0x20 || byte > 0x7e) throw new Error(`Carattere non ammesso in un messaggio ECR17: 0x${byte.toString(16)}`)
  }
  return Buffer.concat([Buffer.from([STX]), payload, Buffer.from([ETX, lrc(payload, scope)])])
}

/** ACK or NAK: the control byte is the "message" the LRC covers. */
export function encodeControl(kind: 'ack' | 'nak', scope: LrcScope): Buffer {
  const control = Buffer.from([kind === 'ack' ? ACK : NAK])
  return Buffer.concat([control, Buffer.from([ETX, lrc(control, scope)])])
}

export function encodeProgress(text: string): Buffer {
  const body = Buffer.from(text.slice(0, PROGRESS_TEXT_LENGTH).padEnd(PROGRESS_TEXT_LENGTH, ' '), 'latin1')
  return Buffer.concat([Buffer.from([SOH]), body, Buffer.from([EOT])])
}
