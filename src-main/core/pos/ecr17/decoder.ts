// Turns whatever bytes arrive (from a serial line or a socket, in any chunks, with noise) into
// ECR17 packets. It never throws: junk is skipped byte by byte and reported, a frame longer than
// any ECR17 message is dropped, and exactly one byte after ETX is taken as the LRC (which can
// itself be 0x02, 0x03 or 0x06, so the decoder never resynchronises inside a frame).
import { ACK, EOT, ETX, lrc, NAK, PROGRESS_TEXT_LENGTH, SOH, STX } from './frames'
import type { LrcScope } from '../../../contract/pos'

export type Packet =
  | { type: 'application'; message: string; lrcOk: boolean; raw: Buffer }
  | { type: 'ack' | 'nak'; lrcOk: boolean }
  | { type: 'progress'; text: string }
  | { type: 'junk'; bytes: Buffer; reason: string }

/** Longer than the longest ECR17 message (receipt lines reach 210). */
export const MAX_MESSAGE = 512

export class Ecr17Decoder {
  private buffer = Buffer.alloc(0)

  constructor(private readonly scope: LrcScope) {}

  push(chunk: Uint8Array): Packet[] {
    this.buffer = Buffer.concat([this.buffer, Buffer.from(chunk)])
    const packets: Packet[] = []
    for (;;) {
      const packet = this.next()
      if (packet === null) break
      packets.push(packet)
    }
    return packets
  }

  /** Bytes held while waiting for the rest of a packet. */
  get pending(): number {
    return this.buffer.length
  }

  reset(): void {
    this.buffer = Buffer.alloc(0)
  }

  private take(n: number): Buffer {
    const head = this.buffer.subarray(0, n)
    this.buffer = this.buffer.subarray(n)
    return Buffer.from(head)
  }

  private next(): Packet | null {
    const b = this.buffer
    if (b.length === 0) return null
    const lead = b[0]!
    if (lead === STX) {
      const end = b.indexOf(ETX, 1)
      if (end === -1) {
        if (b.length > MAX_MESSAGE + 2) return { type: 'junk', bytes: this.take(1), reason: 'messaggio troppo lungo' }
        return null
      }
      if (end + 1 >= b.length) return null // the LRC has not arrived yet
      const payload = b.subarray(1, end)
      if (payload.some((byte) => byte < 0x20 || byte > 0x7e)) {
        // A control byte inside a message: this STX was noise; resynchronise after it.
        return { type: 'junk', bytes: this.take(1), reason: 'carattere di controllo nel messaggio' }
      }
      const check = b[end + 1]!
      const frame = this.take(end + 2)
      return { type: 'application', message: payload.toString('latin1'), lrcOk: lrc(payload, this.scope) === check, raw: frame }
    }
    if (lead === ACK || lead === NAK) {
      if (b.length < 3) return null
      if (b[1] !== ETX) return { type: 'junk', bytes: this.take(1), reason: 'conferma incompleta' }
      const frame = this.take(3)
      return { type: lead === ACK ? 'ack' : 'nak', lrcOk: lrc(frame.subarray(0, 1), this.scope) === frame[2] }
    }
    if (lead === SOH) {
      if (b.length < PROGRESS_TEXT_LENGTH + 2) return null
      if (b[PROGRESS_TEXT_LENGTH + 1] !== EOT) return { type: 'junk', bytes: this.take(1), reason: 'messaggio di avanzamento incompleto' }
      const frame = this.take(PROGRESS_TEXT_LENGTH + 2)
      return { type: 'progress', text: frame.subarray(1, 1 + PROGRESS_TEXT_LENGTH).toString('latin1').trimEnd() }
    }
    // Anything else before a packet starts is line noise.
    let n = 1
    while (n < b.length && ![STX, ACK, NAK, SOH].includes(b[n]!)) n++
    return { type: 'junk', bytes: this.take(n), reason: 'byte fuori pacchetto' }
  }
}
