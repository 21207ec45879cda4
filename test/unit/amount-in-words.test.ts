// The amount in words on every receipt: Italian as written on a cheque, one rule for all receipts.
import { describe, expect, it } from 'vitest'
import { amountInWords, integerInWords } from '../../src-main/core/receipts/amount-in-words'

describe('amountInWords', () => {
  it.each([
    [12345, 'centoventitré/45 euro'],
    [0, 'zero/00 euro'],
    [5, 'zero/05 euro'],
    [100, 'uno/00 euro'],
    [300, 'tre/00 euro'],
    [1050, 'dieci/50 euro'],
    [2100, 'ventuno/00 euro'],
    [2300, 'ventitré/00 euro'],
    [2800, 'ventotto/00 euro'],
    [10000, 'cento/00 euro'],
    [10100, 'centouno/00 euro'],
    [10300, 'centotré/00 euro'],
    [10800, 'centootto/00 euro'],
    [18000, 'centottanta/00 euro'],
    [18300, 'centottantatré/00 euro'],
    [19900, 'centonovantanove/00 euro'],
    [71199, 'settecentoundici/99 euro'],
    [100000, 'mille/00 euro'],
    [100300, 'milletré/00 euro'],
    [123456, 'milleduecentotrentaquattro/56 euro'],
    [200000, 'duemila/00 euro'],
    [2100000, 'ventunomila/00 euro'],
    [9999999, 'novantanovemilanovecentonovantanove/99 euro'],
    [100000000, 'un milione/00 euro'],
    [123456789, 'un milione duecentotrentaquattromilacinquecentosessantasette/89 euro'],
    [300000000, 'tre milioni/00 euro'],
    [100000000000, 'un miliardo/00 euro']
  ])('%i cents → %s', (cents, words) => {
    expect(amountInWords(cents)).toBe(words)
  })

  it('writes every number from 0 to 999 as one word without spaces, with "tré" only at the end of a compound', () => {
    for (let n = 0; n < 1000; n++) {
      const w = integerInWords(n)
      expect(w).toMatch(/^[a-zé]+$/)
      if (w.includes('é')) expect(w.endsWith('tré') && n > 3 && n % 10 === 3).toBe(true)
    }
    expect(integerInWords(3)).toBe('tre')
    expect(integerInWords(13)).toBe('tredici')
  })

  it('refuses what is not a whole, non-negative number of cents', () => {
    expect(() => amountInWords(-1)).toThrow(RangeError)
    expect(() => amountInWords(1.5)).toThrow(RangeError)
  })
})
