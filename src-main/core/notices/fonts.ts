// Titillium Web and Roboto Mono, the notice's typefaces, read from the @fontsource packages (OFL)
// installed with the app: nothing is downloaded. Read once per process.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

export interface NoticeFontFiles {
  regular: Uint8Array
  bold: Uint8Array
  mono: Uint8Array
}

let cached: NoticeFontFiles | null = null

export function noticeFontFiles(): NoticeFontFiles {
  if (cached) return cached
  const require = createRequire(__filename)
  const file = (pkg: string, name: string) => new Uint8Array(readFileSync(require.resolve(`${pkg}/files/${name}`)))
  cached = {
    regular: file('@fontsource/titillium-web', 'titillium-web-latin-400-normal.woff'),
    bold: file('@fontsource/titillium-web', 'titillium-web-latin-700-normal.woff'),
    mono: file('@fontsource/roboto-mono', 'roboto-mono-latin-400-normal.woff')
  }
  return cached
}
