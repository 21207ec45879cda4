// One Content-Security-Policy for both shells: the Electron window (header and, for file://, a
// meta tag written into index.html at build time) and the browser host. Only the app's own files;
// no inline scripts, no eval, no remote content.
export interface CspOptions {
  /** Vite's dev server injects <style> tags and talks over a websocket for hot reload. */
  dev?: boolean
  /** Directives a <meta> tag cannot carry (frame-ancestors) are left out. */
  meta?: boolean
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const directives = [
    "default-src 'self'",
    "script-src 'self'",
    options.dev ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    options.dev ? "connect-src 'self' ws:" : "connect-src 'self'",
    "object-src 'none'",
    // The notice preview shows a PDF the app itself made, from a blob: URL, in a frame.
    'frame-src blob:',
    "base-uri 'none'",
    "form-action 'none'"
  ]
  if (!options.meta) directives.push("frame-ancestors 'none'")
  return directives.join('; ')
}

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy()
