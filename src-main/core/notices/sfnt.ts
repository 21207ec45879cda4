// The little font-file plumbing the notice's typefaces need, done once per process in memory:
// - WOFF to plain TrueType: fontkit inflates a WOFF table again on every read of it, so every
//   glyph looked up in a WOFF font inflates the whole glyf table (that was most of a notice's time);
// - one font out of @fontsource's "latin" and "latin-ext" files of the same face, so that names
//   such as "Łukasz Dvořák" are drawn with real glyphs and not with .notdef boxes.
// Both files come from one Google Fonts original, cut by unicode range, so they share units per em,
// vertical metrics and (both unhinted) have no fpgm/prep/cvt to reconcile. The merged font keeps
// the latin file's glyph ids, so its GSUB/GPOS (ligatures, kerning) stay valid as they are; the
// latin-ext glyphs follow and are laid out without kerning.
import { inflateSync } from 'node:zlib'

export type Tables = Map<string, Uint8Array>

const u16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!
const i16 = (b: Uint8Array, at: number) => (u16(b, at) << 16) >> 16
const u32 = (b: Uint8Array, at: number) => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0
function put16(b: Uint8Array, at: number, value: number): void {
  b[at] = (value >> 8) & 0xff
  b[at + 1] = value & 0xff
}
function put32(b: Uint8Array, at: number, value: number): void {
  put16(b, at, value >>> 16)
  put16(b, at + 2, value & 0xffff)
}

/** The tables of a WOFF 1.0 file, inflated. */
export function woffTables(woff: Uint8Array): Tables {
  if (u32(woff, 0) !== 0x774f4646) throw new Error('Font non in formato WOFF')
  if (u32(woff, 4) !== 0x00010000) throw new Error('Font WOFF non TrueType')
  const tables: Tables = new Map()
  for (let i = 0; i < u16(woff, 12); i++) {
    const entry = 44 + i * 20
    const tag = String.fromCharCode(...woff.subarray(entry, entry + 4))
    const offset = u32(woff, entry + 4)
    const compLength = u32(woff, entry + 8)
    const origLength = u32(woff, entry + 12)
    const raw = woff.subarray(offset, offset + compLength)
    tables.set(tag, compLength < origLength ? new Uint8Array(inflateSync(raw)) : raw)
  }
  return tables
}

function checksum(data: Uint8Array): number {
  let sum = 0
  for (let i = 0; i < data.length; i += 4) {
    sum = (sum + (((data[i] ?? 0) << 24) | ((data[i + 1] ?? 0) << 16) | ((data[i + 2] ?? 0) << 8) | (data[i + 3] ?? 0))) >>> 0
  }
  return sum
}

/** A TrueType file (sfnt 1.0) of these tables, in tag order, with checksums. */
export function sfnt(tables: Tables): Uint8Array {
  const tags = [...tables.keys()].sort()
  const count = tags.length
  let size = 12 + 16 * count
  for (const tag of tags) size += (tables.get(tag)!.length + 3) & ~3
  const out = new Uint8Array(size)
  const power = 2 ** Math.floor(Math.log2(count))
  put32(out, 0, 0x00010000)
  put16(out, 4, count)
  put16(out, 6, power * 16)
  put16(out, 8, Math.log2(power))
  put16(out, 10, count * 16 - power * 16)
  let at = 12 + 16 * count
  let headAt = -1
  tags.forEach((tag, i) => {
    const data = tables.get(tag)!
    const record = 12 + i * 16
    for (let c = 0; c < 4; c++) out[record + c] = tag.charCodeAt(c)
    out.set(data, at)
    if (tag === 'head') {
      headAt = at
      put32(out, at + 8, 0) // checkSumAdjustment is left out of the head table's own checksum
    }
    put32(out, record + 4, checksum(out.subarray(at, at + data.length)))
    put32(out, record + 8, at)
    put32(out, record + 12, data.length)
    at += (data.length + 3) & ~3
  })
  if (headAt >= 0) put32(out, headAt + 8, (0xb1b0afba - checksum(out)) >>> 0)
  return out
}

/** Every glyph's bytes, by the loca table. */
function glyphs(tables: Tables): Uint8Array[] {
  const head = tables.get('head')!
  const loca = tables.get('loca')!
  const glyf = tables.get('glyf')!
  const count = u16(tables.get('maxp')!, 4)
  const long = i16(head, 50) === 1
  const offset = (i: number) => (long ? u32(loca, i * 4) : u16(loca, i * 2) * 2)
  return Array.from({ length: count }, (_, i) => glyf.subarray(offset(i), offset(i + 1)))
}

/** A composite glyph's copy with its components' glyph ids moved by `remap`; simple glyphs as they are. */
function remapComponents(glyph: Uint8Array, remap: (id: number) => number): Uint8Array {
  if (glyph.length === 0 || i16(glyph, 0) >= 0) return glyph
  const copy = new Uint8Array(glyph)
  let at = 10
  for (;;) {
    const flags = u16(copy, at)
    put16(copy, at + 2, remap(u16(copy, at + 2)))
    at += 4 + (flags & 0x0001 ? 4 : 2)
    if (flags & 0x0008) at += 2
    else if (flags & 0x0040) at += 4
    else if (flags & 0x0080) at += 8
    if (!(flags & 0x0020)) return copy
  }
}

/** Advance width and left side bearing of every glyph. */
function metrics(tables: Tables, count: number): [number, number][] {
  const hmtx = tables.get('hmtx')!
  const long = u16(tables.get('hhea')!, 34)
  return Array.from({ length: count }, (_, i) =>
    i < long ? [u16(hmtx, i * 4), i16(hmtx, i * 4 + 2)] : [u16(hmtx, (long - 1) * 4), i16(hmtx, long * 4 + (i - long) * 2)]
  )
}

/** A cmap table with one Windows Unicode BMP subtable (format 4), which every reader knows. */
function cmapTable(map: Map<number, number>): Uint8Array {
  const codes = [...map.keys()].filter((c) => c < 0xffff).sort((a, b) => a - b)
  // One segment per run of consecutive code points with consecutive glyph ids (idDelta only).
  const segments: { start: number; end: number; delta: number }[] = []
  for (const code of codes) {
    const last = segments[segments.length - 1]
    const glyph = map.get(code)!
    if (last && last.end === code - 1 && (last.delta + code) % 65536 === glyph) last.end = code
    else segments.push({ start: code, end: code, delta: (glyph - code + 65536) % 65536 })
  }
  segments.push({ start: 0xffff, end: 0xffff, delta: 1 })
  const n = segments.length
  const length = 16 + n * 8
  const table = new Uint8Array(12 + length)
  put16(table, 2, 1) // one subtable
  put16(table, 4, 3) // Windows
  put16(table, 6, 1) // Unicode BMP
  put32(table, 8, 12)
  const sub = 12
  const power = 2 ** Math.floor(Math.log2(n))
  put16(table, sub, 4)
  put16(table, sub + 2, length)
  put16(table, sub + 6, n * 2)
  put16(table, sub + 8, power * 2)
  put16(table, sub + 10, Math.log2(power))
  put16(table, sub + 12, n * 2 - power * 2)
  segments.forEach((s, i) => {
    put16(table, sub + 14 + i * 2, s.end)
    put16(table, sub + 16 + n * 2 + i * 2, s.start)
    put16(table, sub + 16 + n * 4 + i * 2, s.delta)
    // idRangeOffset stays 0
  })
  return table
}

/**
 * `base` with the glyphs of `extra` appended (all but its .notdef) and its characters added to the
 * cmap where `base` has none. `baseMap` and `extraMap` are the two fonts' code point → glyph id maps.
 */
export function mergeFonts(base: Tables, baseMap: Map<number, number>, extra: Tables, extraMap: Map<number, number>): Tables {
  for (const t of [base, extra]) if (!t.has('glyf')) throw new Error('Font senza contorni TrueType')
  const baseGlyphs = glyphs(base)
  const extraGlyphs = glyphs(extra)
  const n = baseGlyphs.length
  const moved = (id: number) => (id === 0 ? 0 : n + id - 1)
  const all = [...baseGlyphs, ...extraGlyphs.slice(1).map((g) => remapComponents(g, moved))]
  const count = all.length
  if (count > 65535) throw new Error('Troppi glifi')

  // glyf and a long loca, every glyph on a 4-byte boundary.
  let glyfSize = 0
  for (const g of all) glyfSize += (g.length + 3) & ~3
  const glyf = new Uint8Array(glyfSize)
  const loca = new Uint8Array((count + 1) * 4)
  let at = 0
  all.forEach((g, i) => {
    put32(loca, i * 4, at)
    glyf.set(g, at)
    at += (g.length + 3) & ~3
  })
  put32(loca, count * 4, at)

  // hmtx in full (no shared trailing advance): simplest to write, a few hundred bytes more.
  const widths = [...metrics(base, n), ...metrics(extra, extraGlyphs.length).slice(1)]
  const hmtx = new Uint8Array(count * 4)
  widths.forEach(([advance, lsb], i) => {
    put16(hmtx, i * 4, advance)
    put16(hmtx, i * 4 + 2, lsb)
  })

  const head = new Uint8Array(base.get('head')!)
  const extraHead = extra.get('head')!
  put16(head, 36, Math.min(i16(head, 36), i16(extraHead, 36)))
  put16(head, 38, Math.min(i16(head, 38), i16(extraHead, 38)))
  put16(head, 40, Math.max(i16(head, 40), i16(extraHead, 40)))
  put16(head, 42, Math.max(i16(head, 42), i16(extraHead, 42)))
  put16(head, 50, 1) // long loca

  const hhea = new Uint8Array(base.get('hhea')!)
  const extraHhea = extra.get('hhea')!
  put16(hhea, 10, Math.max(u16(hhea, 10), u16(extraHhea, 10)))
  put16(hhea, 12, Math.min(i16(hhea, 12), i16(extraHhea, 12)))
  put16(hhea, 14, Math.min(i16(hhea, 14), i16(extraHhea, 14)))
  put16(hhea, 16, Math.max(i16(hhea, 16), i16(extraHhea, 16)))
  put16(hhea, 34, count)

  const maxp = new Uint8Array(base.get('maxp')!)
  const extraMaxp = extra.get('maxp')!
  put16(maxp, 4, count)
  if (maxp.length >= 32 && extraMaxp.length >= 32) for (let f = 6; f < 32; f += 2) put16(maxp, f, Math.max(u16(maxp, f), u16(extraMaxp, f)))

  // post 3.0: no glyph names (the appended glyphs would need them renumbered).
  const post = new Uint8Array(32)
  post.set(base.get('post')!.subarray(0, 32))
  put32(post, 0, 0x00030000)

  const map = new Map<number, number>()
  for (const [code, id] of extraMap) if (id !== 0) map.set(code, moved(id))
  for (const [code, id] of baseMap) if (id !== 0) map.set(code, id)

  const merged: Tables = new Map()
  for (const [tag, data] of base) if (tag !== 'STAT') merged.set(tag, data)
  merged.set('glyf', glyf)
  merged.set('loca', loca)
  merged.set('hmtx', hmtx)
  merged.set('head', head)
  merged.set('hhea', hhea)
  merged.set('maxp', maxp)
  merged.set('post', post)
  merged.set('cmap', cmapTable(map))
  return merged
}
