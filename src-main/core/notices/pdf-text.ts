// Text laid out in the desk's PDFs (receipts, POS and till reports): one way to break it into lines.
import type { PDFFont } from 'pdf-lib'

/** Splits text into lines that fit the width (a word longer than the width keeps its own line). */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word
    if (font.widthOfTextAtSize(next, size) <= width || !line) line = next
    else {
      lines.push(line)
      line = word
    }
  }
  if (line) lines.push(line)
  return lines
}
