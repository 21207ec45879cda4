// The two symbols of a notice, as module matrices drawn later as vector rectangles:
// the pagoPA QR code (ISO/IEC 18004, version 4, ECC level M) and Poste's Data Matrix (ECC 200).
import bwipjs from 'bwip-js'
import QRCode from 'qrcode'

export interface ModuleMatrix {
  size: number
  /** Row by row: true where the module is dark. */
  dark: (row: number, column: number) => boolean
}

export function qrMatrix(payload: string): ModuleMatrix {
  // Version 4 holds the 51-character payload at level M; a longer amount field would need more.
  const code = QRCode.create(payload, { errorCorrectionLevel: 'M', version: 4 })
  const { size, data } = code.modules
  return { size, dark: (r, c) => data[r * size + c] === 1 }
}

export function dataMatrix(payload: string): ModuleMatrix {
  const [symbol] = bwipjs.raw({ bcid: 'datamatrix', text: payload }) as { pixs: number[]; pixx: number; pixy: number }[]
  if (!symbol || symbol.pixx !== symbol.pixy) throw new Error('Data Matrix non generato')
  return { size: symbol.pixx, dark: (r, c) => symbol.pixs[r * symbol.pixx + c] === 1 }
}
