// Files in and out of the renderer, the same way under Electron and in a browser: a download link
// for what the desk exports, a file input for what it imports.

export function downloadText(filename: string, content: string, type = 'text/plain'): void {
  downloadBlob(filename, new Blob([content], { type: `${type};charset=utf-8` }))
}

/** Bytes that crossed the contract as base64 (data stays JSON-safe on every transport). */
export function base64Blob(base64: string, type: string): Blob {
  return new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type })
}

export function downloadBase64(filename: string, base64: string, type: string): void {
  downloadBlob(filename, base64Blob(base64, type))
}

function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** The text of the file chosen in an <input type=file>, or null when none; the input is reset. */
export async function readFileText(event: Event): Promise<string | null> {
  const input = event.target as HTMLInputElement
  const file = input.files?.[0]
  if (!file) return null
  try {
    return await file.text()
  } finally {
    input.value = ''
  }
}

