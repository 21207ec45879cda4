import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface DecodedPdf {
  pages: number
  /** Every QR code found, page by page, in reading order. */
  qr: string[]
  /** Every Data Matrix found. */
  dataMatrix: string[]
  text: string
}

/**
 * Renders a PDF to images with poppler (pdftoppm) and decodes its symbols back with zbar (QR) and
 * libdmtx (Data Matrix), as a phone or a Poste scanner would from a printed sheet.
 */
export function decodePdf(pdf: Uint8Array, options: { dataMatrix?: boolean } = {}): DecodedPdf {
  const dir = mkdtempSync(join(tmpdir(), 'sportello-pdf-'))
  try {
    const file = join(dir, 'notice.pdf')
    writeFileSync(file, pdf)
    execFileSync('pdftoppm', ['-r', '150', '-png', file, join(dir, 'page')])
    const pages = readdirSync(dir).filter((f) => f.endsWith('.png')).sort()
    const qr: string[] = []
    const dataMatrix: string[] = []
    for (const page of pages) {
      const path = join(dir, page)
      try {
        const out = execFileSync('zbarimg', ['--raw', '-q', '-Sdisable', '-Sqrcode.enable', path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
        qr.push(...out.split('\n').filter(Boolean).reverse())
      } catch {
        // zbarimg exits 4 when a page has no symbol
      }
      if (options.dataMatrix) {
        try {
          // One bollettino per page at most: stop at the first symbol instead of scanning the whole sheet.
          const out = execFileSync('dmtxread', ['-n', '-N', '1', '-m', '20000', path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
          dataMatrix.push(...out.split('\n').filter(Boolean))
        } catch {
          // no Data Matrix on this page
        }
      }
    }
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    return { pages: pages.length, qr, dataMatrix, text }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
