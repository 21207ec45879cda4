// ECR17 codec against the vectors of docs/pos-ecr17.md §5.4, and a decoder that survives any bytes.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Ecr17Decoder, type Packet } from '../../src-main/core/pos/ecr17/decoder'
import { encodeApplication, encodeControl, encodeProgress, lrc } from '../../src-main/core/pos/ecr17/frames'
import { LRC_SCOPES, type LrcScope } from '../../src-main/contract/pos'
import { ecr17, parseCloseSession, parsePaymentResult, parseStatus } from '../../src-main/core/pos/ecr17/messages'

const ids = { terminalId: '12345678', cashRegisterId: '00000001' }
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').match(/../g)!.join(' ')
const bytes = (s: string) => Buffer.from(s, 'latin1')
/** LRCs under payload+etx, then payload / stx+payload+etx / stx+payload, as the vector table lists them. */
function lrcs(message: string): number[] {
  return (['payload+etx', 'payload', 'stx+payload+etx', 'stx+payload'] as LrcScope[]).map((s) => lrc(bytes(message), s))
}

const RESULT_OK = '123456780E00' + '0000000000000001234' + 'CLI' + 'A1B2C3' + '2111520' + '2' + '12345      ' + '000123' + '000045'
const RESULT_KO = '123456780E01' + 'OPERAZIONE ANNULLATA    ' + '00000000000' + '3' + '12345      ' + '000124' + '000000'

describe('ECR17 frames and messages (vectors §5.4)', () => {
  it.each([
    ['status', ecr17.status(ids), '123456780s', [0x37, 0x34, 0x35, 0x36]],
    ['status, wildcard TID', ecr17.status({ terminalId: '00000000' }), '000000000s', [0x3f, 0x3c, 0x3d, 0x3e]],
    ['last result G', ecr17.lastResult(ids), '123456780G000000010000', [0x02, 0x01, 0x00, 0x03]],
    ['close session C', ecr17.closeSession(ids), '123456780C0000000100000000', [0x06, 0x05, 0x04, 0x07]]
  ])('%s', (_name, built, expected, expectedLrcs) => {
    expect(built).toBe(expected)
    expect(lrcs(built)).toEqual(expectedLrcs)
  })

  it('payment P and X of 12,50 €: 167 bytes, 170 on the wire', () => {
    const p = ecr17.payment(ids, 1250, { extended: false })
    expect(p).toHaveLength(167)
    expect(p).toBe('123456780P00000001' + '0' + '00' + '0' + '0' + '00001250' + ' '.repeat(128) + '00000000')
    const frame = encodeApplication(p, 'payload+etx')
    expect(frame).toHaveLength(170)
    expect(hex(frame.subarray(0, 34))).toBe('02 31 32 33 34 35 36 37 38 30 50 30 30 30 30 30 30 30 31 30 30 30 30 30 30 30 30 30 31 32 35 30 20 20')
    expect(hex(frame.subarray(-3))).toBe('30 03 23')
    expect(lrcs(p)).toEqual([0x23, 0x20, 0x21, 0x22])
    expect(lrcs(ecr17.payment(ids, 1250))).toEqual([0x2b, 0x28, 0x29, 0x2a])
  })

  it('results, status response, progress and ACK/NAK', () => {
    expect(lrcs(RESULT_OK)).toEqual([0x35, 0x36, 0x37, 0x34])
    expect(lrcs(RESULT_KO)).toEqual([0x4b, 0x48, 0x49, 0x4a])
    const extended = RESULT_OK + '000' + '00001250' + '0000000000'
    expect(extended).toHaveLength(92)
    expect(lrc(bytes(extended), 'payload+etx')).toBe(0x03)
    const status = '123456780s' + '0000000000' + '2711251030' + '2' + 'ECR01.55'
    expect(lrcs(status)).toEqual([0x7e, 0x7d, 0x7c, 0x7f])
    expect(hex(encodeProgress('ATTESA CARTA'))).toBe('01 41 54 54 45 53 41 20 43 41 52 54 41 20 20 20 20 20 20 20 20 04')
    expect(hex(encodeControl('ack', 'payload+etx'))).toBe('06 03 7a')
    expect(hex(encodeControl('nak', 'payload+etx'))).toBe('15 03 69')
    expect(hex(encodeControl('ack', 'payload'))).toBe('06 03 79')
    expect(hex(encodeControl('nak', 'payload'))).toBe('15 03 6a')
  })

  it('parses approved (with extended amount), declined, status and closing', () => {
    expect(parsePaymentResult(RESULT_OK + '000' + '00001250' + '0000000000')).toMatchObject({
      outcome: 'approved', pan: '1234', transactionType: 'CLI', authCode: 'A1B2C3', hostTime: '2111520', cardType: '2', acquirerId: '12345', stan: '000123', onlineId: '000045', authorisedCents: 1250
    })
    expect(parsePaymentResult(RESULT_OK)).toMatchObject({ outcome: 'approved', authorisedCents: null })
    expect(parsePaymentResult(RESULT_KO)).toEqual({ outcome: 'declined', terminalId: '12345678', code: '01', text: 'OPERAZIONE ANNULLATA', stan: '000124', onlineId: '000000' })
    expect(parseStatus('123456780s' + '0000000000' + '2711251030' + '2' + 'ECR01.55')).toEqual({ terminalId: '12345678', dateTime: '2711251030', state: '2', software: 'ECR01.55' })
    expect(parseCloseSession('123456780C00' + '0000000000012345' + '0000000000012345')).toEqual({ ok: true, posTotalCents: 12345, hostTotalCents: 12345 })
    expect(parsePaymentResult('123456780s')).toBeNull()
  })

  it('refuses what cannot be sent', () => {
    expect(() => ecr17.payment(ids, 0)).toThrow(/Importo/)
    expect(() => ecr17.payment(ids, 100_000_000)).toThrow(/Importo/)
    expect(() => ecr17.payment({ ...ids, terminalId: '123' }, 100)).not.toThrow()
    expect(() => ecr17.payment({ ...ids, terminalId: '1234567890' }, 100)).toThrow(/terminale/)
    expect(() => encodeApplication('ciao\u0003', 'payload')).toThrow(/Carattere/)
  })
})

describe('the decoder', () => {
  it('reassembles packets split anywhere, with noise between them, including LRCs equal to STX, ETX or ACK', () => {
    const frames = Buffer.concat([
      Buffer.from([0xff, 0x00, 0x41]),
      encodeControl('ack', 'payload+etx'),
      encodeProgress('DIGITARE PIN'),
      encodeApplication(ecr17.lastResult(ids), 'payload+etx'), // LRC 0x02
      encodeApplication(ecr17.closeSession(ids), 'payload+etx'), // LRC 0x06
      encodeApplication(RESULT_OK + '000' + '00001250' + '0000000000', 'payload+etx'), // LRC 0x03
      encodeControl('nak', 'payload+etx')
    ])
    for (const size of [1, 2, 3, 7, 64, frames.length]) {
      const decoder = new Ecr17Decoder('payload+etx')
      const packets: Packet[] = []
      for (let i = 0; i < frames.length; i += size) packets.push(...decoder.push(frames.subarray(i, i + size)))
      const kinds = packets.filter((p) => p.type !== 'junk').map((p) => (p.type === 'application' ? `app:${p.message.slice(9, 10)}:${p.lrcOk}` : p.type === 'progress' ? `progress:${p.text}` : `${p.type}:${p.lrcOk}`))
      expect(kinds).toEqual(['ack:true', 'progress:DIGITARE PIN', 'app:G:true', 'app:C:true', 'app:E:true', 'nak:true'])
      expect(decoder.pending).toBe(0)
    }
  })

  it('flags a wrong LRC instead of trusting it, and knows the scope', () => {
    const frame = encodeApplication(ecr17.status(ids), 'payload')
    expect(new Ecr17Decoder('payload+etx').push(frame)).toMatchObject([{ type: 'application', lrcOk: false }])
    expect(new Ecr17Decoder('payload').push(frame)).toMatchObject([{ type: 'application', lrcOk: true }])
  })

  it('never throws and never grows without bound, whatever bytes arrive', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 40 }), fc.constantFrom(...LRC_SCOPES), (chunks, scope) => {
        const decoder = new Ecr17Decoder(scope)
        for (const chunk of chunks) {
          const packets = decoder.push(chunk)
          for (const p of packets) expect(['application', 'ack', 'nak', 'progress', 'junk']).toContain(p.type)
          expect(decoder.pending).toBeLessThanOrEqual(600)
        }
      }),
      { numRuns: 2_000 }
    )
  })

  it('finds every valid packet hidden in random noise', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 50 }).filter((b) => !b.includes(0x02) && !b.includes(0x01) && !b.includes(0x06) && !b.includes(0x15)), fc.integer({ min: 1, max: 99_999_999 }), (noise, amount) => {
        const decoder = new Ecr17Decoder('payload+etx')
        const message = ecr17.payment(ids, amount)
        const packets = [...decoder.push(noise), ...decoder.push(encodeApplication(message, 'payload+etx'))]
        const apps = packets.filter((p) => p.type === 'application')
        expect(apps).toEqual([expect.objectContaining({ message, lrcOk: true })])
      }),
      { numRuns: 500 }
    )
  })
})
