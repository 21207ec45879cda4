// Titillium Web and Roboto Mono, the notice's typefaces, read from the @fontsource packages (OFL)
// installed with the app: nothing is downloaded. Prepared once per process, in memory:
// - each face is its "latin" and "latin-ext" files made one TrueType font (sfnt.ts): Latin,
//   Latin-1 and Latin Extended-A, so German words and names such as "Dvořák" print as written;
// - the font is parsed by fontkit once, and the layout of each text is remembered, so the same
//   labels on the next notice cost a lookup;
// - the font program put in the PDF (the merged font less its layout tables) is compressed once.
// A document then only writes small dictionaries per font (widths and ToUnicode of the glyphs it
// used) next to the shared compressed program: embedding costs well under a millisecond, where
// parsing and subsetting the WOFF files for every document took most of a notice's ~200 ms.
// The whole font goes in every document (~55 KB for the three), not a subset: subsetting is the
// per-document work this avoids, and a notice stays far below its 150 KB.
import fontkit from '@pdf-lib/fontkit'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { deflateSync } from 'node:zlib'
import { CustomFontEmbedder, PDFFont, PDFHexString, PDFRawStream, type PDFContext, type PDFDocument, type PDFRef } from 'pdf-lib'
import { mergeFonts, sfnt, woffTables, type Tables } from './sfnt'

export interface NoticeFontFiles {
  regular: Uint8Array
  bold: Uint8Array
  mono: Uint8Array
}

type Font = CustomFontEmbedder['font']
type Glyph = ReturnType<Font['glyphForCodePoint']>

/** A text laid out: its glyphs, its width in font units, its glyph ids as PDF hex (Identity-H). */
interface Laid {
  glyphs: Glyph[]
  width: number
  hex: string
}

interface Face {
  /** The merged TrueType font (what pdf-lib's embedFont gets elsewhere in the app). */
  file: Uint8Array
  /** Parsed once. */
  font: Font
  /** Remembers its results: the same labels on the next notice cost a lookup. */
  layout: (text: string) => Laid
  /** The font program for the PDF, deflated, and its length before. */
  program: Uint8Array
  programLength: number
}

type Style = keyof NoticeFontFiles

/** Tables a PDF viewer has no use for: text is laid out here, glyph by glyph, before it is written. */
const LAYOUT_TABLES = ['GSUB', 'GPOS', 'GDEF', 'gasp']

/** Texts remembered per face: every label of every layout is a few hundred; names and amounts vary. */
const LAYOUT_MEMO = 5000

const hex4 = (n: number) => n.toString(16).padStart(4, '0')

function codePointMap(tables: Tables): Map<number, number> {
  const font = fontkit.create(sfnt(tables))
  return new Map(font.characterSet.map((code) => [code, font.glyphForCodePoint(code).id]))
}

function face(pkg: string, name: string): Face {
  const require = createRequire(__filename)
  const woff = (subset: string) => woffTables(new Uint8Array(readFileSync(require.resolve(`${pkg}/files/${name.replace('*', subset)}`))))
  const latin = woff('latin')
  const ext = woff('latin-ext')
  const tables = mergeFonts(latin, codePointMap(latin), ext, codePointMap(ext))
  const file = sfnt(tables)
  const font = fontkit.create(file) as unknown as Font
  const memo = new Map<string, Laid>()
  const layout = (text: string): Laid => {
    let laid = memo.get(text)
    if (!laid) {
      if (memo.size >= LAYOUT_MEMO) memo.clear()
      // Kerning (GPOS) is left out: pdf-lib draws glyph ids at their advance widths and measures
      // text the same way, so kerning was never drawn, and applying it was nine tenths of a
      // layout's time. Substitutions (GSUB) stay: the glyphs are those pdf-lib's embedders drew.
      const { glyphs } = font.layout(text, { kern: false })
      let width = 0
      let hex = ''
      for (const glyph of glyphs) {
        width += glyph.advanceWidth
        hex += hex4(glyph.id)
      }
      laid = { glyphs, width, hex }
      memo.set(text, laid)
    }
    return laid
  }
  const programTables: Tables = new Map([...tables].filter(([tag]) => !LAYOUT_TABLES.includes(tag)))
  const program = sfnt(programTables)
  return { file, font, layout, program: new Uint8Array(deflateSync(program, { level: 9 })), programLength: program.length }
}

let faces: Record<Style, Face> | null = null

function noticeFaces(): Record<Style, Face> {
  faces ??= {
    regular: face('@fontsource/titillium-web', 'titillium-web-*-400-normal.woff'),
    bold: face('@fontsource/titillium-web', 'titillium-web-*-700-normal.woff'),
    mono: face('@fontsource/roboto-mono', 'roboto-mono-*-400-normal.woff')
  }
  return faces
}

/** The three faces as TrueType files (Latin, Latin-1, Latin Extended-A), for pdf-lib's embedFont. */
export function noticeFontFiles(): NoticeFontFiles {
  const { regular, bold, mono } = noticeFaces()
  return { regular: regular.file, bold: bold.file, mono: mono.file }
}

/** A ToUnicode CMap (Identity-H codes are glyph ids): each glyph to the text it stands for, in UTF-16. */
function toUnicodeCmap(glyphs: Glyph[]): string {
  const entries: string[] = []
  for (const glyph of glyphs) {
    const text = String.fromCodePoint(...glyph.codePoints)
    if (!text) continue
    let utf16 = ''
    for (let i = 0; i < text.length; i++) utf16 += hex4(text.charCodeAt(i))
    entries.push(`<${hex4(glyph.id)}> <${utf16}>`)
  }
  const blocks: string[] = []
  // At most 100 entries per bfchar block, as the CMap format requires.
  for (let i = 0; i < entries.length; i += 100) {
    const block = entries.slice(i, i + 100)
    blocks.push(`${block.length} beginbfchar\n${block.join('\n')}\nendbfchar`)
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000><ffff>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end'
  ].join('\n')
}

/**
 * pdf-lib's embedder for a whole TrueType font, with the shared parsed font and compressed program;
 * like its subset embedder, widths and ToUnicode cover the glyphs this document used (ligatures
 * included, which the whole-font embedder would leave without width or text).
 */
class SharedFontEmbedder extends CustomFontEmbedder {
  private readonly used = new Map<number, Glyph>()
  /** Texts whose glyphs are already in `used`. */
  private readonly encoded = new Set<string>()
  /** Whether any text was encoded (an empty one too: the page then names the font all the same). */
  touched = false

  constructor(private readonly face: Face) {
    super(face.font, face.file)
    let sorted: Glyph[] | null = null
    const used = this.used
    // computeWidths() and the ToUnicode map read the glyphs from this cache.
    this.glyphCache = {
      access: () => (sorted ??= [...used.values()].sort((a, b) => a.id - b.id)),
      invalidate: () => (sorted = null)
    } as unknown as CustomFontEmbedder['glyphCache']
  }

  override encodeText(text: string): PDFHexString {
    this.touched = true
    const laid = this.face.layout(text)
    if (!this.encoded.has(text)) {
      this.encoded.add(text)
      for (const glyph of laid.glyphs) {
        if (!this.used.has(glyph.id)) {
          this.used.set(glyph.id, glyph)
          this.glyphCache.invalidate()
        }
      }
    }
    return PDFHexString.of(laid.hex)
  }

  /** As pdf-lib's: the advance widths added up, at this size. */
  override widthOfTextAtSize(text: string, size: number): number {
    return (this.face.layout(text).width * size) / this.font.unitsPerEm
  }

  /**
   * ToUnicode of the glyphs used (what copy and search read, pdftotext too), compressed by Node's
   * zlib: pdf-lib's own JavaScript deflate spends more setting up than compressing these few lines.
   */
  protected override embedUnicodeCmap(context: PDFContext): PDFRef {
    const bytes = deflateSync(toUnicodeCmap(this.glyphCache.access()))
    return context.register(PDFRawStream.of(context.obj({ Filter: 'FlateDecode', Length: bytes.length }), bytes))
  }

  protected override async embedFontStream(context: PDFContext): Promise<PDFRef> {
    const { program, programLength } = this.face
    return context.register(PDFRawStream.of(context.obj({ Filter: 'FlateDecode', Length: program.length, Length1: programLength }), program))
  }
}

export interface NoticeFonts {
  regular: PDFFont
  bold: PDFFont
  mono: PDFFont
}

const embedders = new WeakMap<PDFFont, SharedFontEmbedder>()

/** The notice's three faces for a document; call finishNoticeFonts() before saving it. */
export function embedNoticeFonts(doc: PDFDocument): NoticeFonts {
  const shared = noticeFaces()
  const font = (style: Style) => {
    const embedder = new SharedFontEmbedder(shared[style])
    const pdfFont = PDFFont.of(doc.context.nextRef(), doc, embedder)
    embedders.set(pdfFont, embedder)
    return pdfFont
  }
  return { regular: font('regular'), bold: font('bold'), mono: font('mono') }
}

/**
 * Writes the fonts' dictionaries into their document, once all text is drawn. These fonts are not
 * in pdf-lib's own list (it would embed them through fontkit again), so saving does not do it.
 * A face no text used stays out (a receipt has no monospaced text): its number is left unused.
 */
export async function finishNoticeFonts(fonts: NoticeFonts): Promise<void> {
  await Promise.all(Object.values(fonts).filter((font) => embedders.get(font)?.touched).map((font) => font.embed()))
}
