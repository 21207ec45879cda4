// Reads ESC/POS bytes back as a printer would: walks them command by command, keeps the commands
// it recognises (and marks any it does not), and turns the text back into Unicode through the code
// page selected with ESC t. Written from Epson's ESC/POS reference, independently of the encoder
// the app uses; only the code page tables come from @point-of-sale/codepage-encoder.
import CodepageEncoder, { type Codepage } from '@point-of-sale/codepage-encoder'

export interface EscPosCommand {
  /** init, codepage, bold, align, size, font, cut, feed, … or unknown. */
  name: string
  /** The command's parameter bytes. */
  args: number[]
  /** Offset of the command in the bytes. */
  at: number
}

export interface EscPosLine {
  text: string
  /** Some character of the line was printed bold. */
  bold: boolean
  /** ESC a in force when the line was printed. */
  align: 'left' | 'center' | 'right'
  /** Largest GS ! width and height multiplier on the line. */
  width: number
  height: number
  /** Single-width columns taken by the spaces before the first visible character. */
  lead: number
  /** Single-width columns up to the end of the last visible character. */
  used: number
}

export interface DecodedEscPos {
  lines: EscPosLine[]
  commands: EscPosCommand[]
  /** The lines' text joined by \n, as printed (centring spaces included). */
  text: string
  /** Some character was printed after the last cut (or there was no cut). */
  textAfterLastCut: boolean
}

/** Epson's numbers for the code pages (ESC t n) a European receipt may use. */
const EPSON_CODEPAGES: Record<number, Codepage> = { 0: 'cp437', 2: 'cp850', 3: 'cp860', 4: 'cp863', 5: 'cp865', 16: 'windows1252', 17: 'cp866', 18: 'cp852', 19: 'cp858' }

const tables = new Map<Codepage, number[]>()
function table(codepage: Codepage): number[] {
  let t = tables.get(codepage)
  if (!t) {
    t = CodepageEncoder.getCodepoints(codepage, true)
    tables.set(codepage, t)
  }
  return t
}

const ESC = 0x1b
const GS = 0x1d
const FS = 0x1c
const LF = 0x0a
const CR = 0x0d

/** ESC x: how many parameter bytes follow, for the one-letter commands of ESC/POS. */
const ESC_COMMANDS: Record<number, [string, number]> = {
  0x40: ['init', 0], // ESC @
  0x74: ['codepage', 1], // ESC t n
  0x45: ['bold', 1], // ESC E n
  0x47: ['doubleStrike', 1], // ESC G n
  0x61: ['align', 1], // ESC a n
  0x4d: ['font', 1], // ESC M n
  0x21: ['mode', 1], // ESC ! n
  0x2d: ['underline', 1], // ESC - n
  0x34: ['italic', 1], // ESC 4 n
  0x64: ['feedLines', 1], // ESC d n
  0x4a: ['feedDots', 1], // ESC J n
  0x32: ['lineSpacingDefault', 0], // ESC 2
  0x33: ['lineSpacing', 1], // ESC 3 n
  0x52: ['charset', 1], // ESC R n
  0x7b: ['upsideDown', 1], // ESC { n
  0x70: ['pulse', 3] // ESC p m t1 t2
}
const GS_COMMANDS: Record<number, [string, number]> = {
  0x21: ['size', 1], // GS ! n
  0x42: ['invert', 1] // GS B n
}

export function decodeEscPos(input: Uint8Array): DecodedEscPos {
  const bytes = Uint8Array.from(input)
  const commands: EscPosCommand[] = []
  const lines: EscPosLine[] = []
  let codepage: Codepage = 'cp437'
  let bold = false
  let align: EscPosLine['align'] = 'left'
  let width = 1
  let height = 1
  const fresh = (): EscPosLine => ({ text: '', bold: false, align, width, height, lead: 0, used: 0 })
  let line = fresh()
  let cells = 0
  let textAfterLastCut = false
  const endLine = () => {
    lines.push(line)
    line = fresh()
    cells = 0
  }
  const command = (name: string, at: number, length: number, argsFrom: number) => {
    if (argsFrom + length > bytes.length) throw new Error(`Comando ${name} troncato alla posizione ${at}`)
    const args = [...bytes.subarray(argsFrom, argsFrom + length)]
    commands.push({ name, args, at })
    return { args, next: argsFrom + length }
  }

  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    if (b === ESC) {
      const spec = ESC_COMMANDS[bytes[i + 1] ?? -1]
      if (!spec) {
        commands.push({ name: 'unknown', args: [ESC, bytes[i + 1] ?? -1], at: i })
        i += 2
        continue
      }
      const { args, next } = command(spec[0], i, spec[1], i + 2)
      if (spec[0] === 'init') {
        codepage = 'cp437'
        bold = false
        align = 'left'
        width = height = 1
      } else if (spec[0] === 'codepage') {
        const named = EPSON_CODEPAGES[args[0]!]
        if (!named) throw new Error(`Code page ESC t ${args[0]} sconosciuta alla posizione ${i}`)
        codepage = named
      } else if (spec[0] === 'bold') bold = (args[0]! & 1) === 1
      else if (spec[0] === 'align') align = (['left', 'center', 'right'] as const)[args[0]! % 48] ?? 'left'
      else if (spec[0] === 'mode') bold = (args[0]! & 0x08) !== 0
      else if (spec[0] === 'feedLines') for (let n = 0; n < args[0]!; n++) endLine()
      if (line.text === '') Object.assign(line, { align, width, height })
      i = next
    } else if (b === GS) {
      const op = bytes[i + 1] ?? -1
      if (op === 0x56) {
        // GS V m: full (0, 48) or partial (1, 49) cut; GS V m n with m 65/66 feeds n first.
        const m = bytes[i + 2] ?? -1
        const { next } = command(m === 65 || m === 66 ? 'cutAfterFeed' : 'cut', i, m === 65 || m === 66 ? 2 : 1, i + 2)
        if (line.text !== '') endLine()
        textAfterLastCut = false
        i = next
        continue
      }
      const spec = GS_COMMANDS[op]
      if (!spec) {
        commands.push({ name: 'unknown', args: [GS, op], at: i })
        i += 2
        continue
      }
      const { args, next } = command(spec[0], i, spec[1], i + 2)
      if (spec[0] === 'size') {
        width = ((args[0]! >> 4) & 0x0f) + 1
        height = (args[0]! & 0x0f) + 1
      }
      i = next
    } else if (b === FS) {
      // FS . cancels Kanji mode, FS & selects it: neither prints.
      const op = bytes[i + 1] ?? -1
      commands.push({ name: op === 0x2e ? 'kanjiOff' : op === 0x26 ? 'kanjiOn' : 'unknown', args: [FS, op], at: i })
      i += 2
    } else if (b === LF) {
      commands.push({ name: 'feed', args: [], at: i })
      endLine()
      i++
    } else if (b === CR) {
      i++
    } else if (b < 0x20) {
      commands.push({ name: 'unknown', args: [b], at: i })
      i++
    } else {
      const ch = String.fromCodePoint(b < 0x80 ? b : table(codepage)[b]!)
      line.text += ch
      cells += width
      if (ch.trim()) line.used = cells
      else if (line.used === 0) line.lead = cells
      textAfterLastCut = true
      if (bold && ch.trim()) line.bold = true
      line.width = Math.max(line.width, width)
      line.height = Math.max(line.height, height)
      i++
    }
  }
  if (line.text !== '') lines.push(line)
  return { lines, commands, text: lines.map((l) => l.text).join('\n'), textAfterLastCut }
}

/** The printed lines without the spaces around them, blank ones left out. */
export function printedText(decoded: DecodedEscPos): string[] {
  return decoded.lines.map((l) => l.text.replace(/\u00a0/g, ' ').trim()).filter((t) => t !== '')
}

/** Whether the receipt ends with a cut: after the last cut, no text and no command but line feeds. */
export function endsWithCut(decoded: DecodedEscPos): boolean {
  const last = decoded.commands.findLastIndex((c) => c.name === 'cut' || c.name === 'cutAfterFeed')
  if (last < 0) return false
  return !decoded.textAfterLastCut && decoded.commands.slice(last + 1).every((c) => c.name === 'feed')
}
