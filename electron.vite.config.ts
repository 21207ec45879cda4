import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'
import { build, type Plugin } from 'vite'
import { contentSecurityPolicy } from './src-main/core/host/content-security'

const root = __dirname

/** Writes the CSP into the built index.html: file:// pages in Electron get no response headers. */
function cspMetaTag(): Plugin {
  return {
    name: 'sportello-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy({ meta: true }) }, injectTo: 'head-prepend' }
    ]
  }
}

/**
 * After the main process, builds the `sportello` command (src-main/cli) into out/cli for plain
 * Node, CommonJS like out/main: bin/sportello.mjs runs it, so no TypeScript is compiled at its
 * start. Packages stay external (native better-sqlite3 and serialport load from node_modules);
 * each command is its own chunk, loaded when it runs. A separate build, so out/main stays one file.
 */
function sportelloCli(): Plugin {
  return {
    name: 'sportello-cli',
    apply: 'build',
    async closeBundle() {
      await build({
        configFile: false,
        root,
        publicDir: false,
        logLevel: 'warn',
        build: {
          ssr: resolve(root, 'src-main/cli/main.ts'),
          outDir: resolve(root, 'out/cli'),
          emptyOutDir: true,
          target: 'node20',
          minify: false,
          reportCompressedSize: false,
          // Chunks beside index.js: __dirname/__filename are out/cli in every file of the CLI.
          rollupOptions: { output: { format: 'cjs', entryFileNames: 'index.js', chunkFileNames: '[name]-[hash].js' } }
        },
        ssr: { target: 'node', external: true }
      })
    }
  }
}

export default defineConfig({
  main: {
    build: {
      lib: { entry: resolve(root, 'src-main/index.ts') }
    },
    plugins: [sportelloCli()]
  },
  preload: {
    build: {
      lib: { entry: resolve(root, 'src-preload/index.ts') }
    }
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    resolve: {
      alias: {
        '@contract': resolve(root, 'src-main/contract'),
        '@': resolve(root, 'src-renderer/src')
      }
    },
    build: {
      rollupOptions: { input: resolve(root, 'src-renderer/index.html') }
    },
    plugins: [vue(), cspMetaTag()]
  }
})
