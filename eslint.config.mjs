import js from '@eslint/js'
import boundaries from 'eslint-plugin-boundaries'
import pluginVue from 'eslint-plugin-vue'
import { readFileSync } from 'node:fs'
import tseslint from 'typescript-eslint'

// The layers of src-main/core (src-main/core/layers.json, also read by test/unit/core-layers.test.ts):
// each unit imports only from the layers its own may use.
const CORE = JSON.parse(readFileSync(new URL('./src-main/core/layers.json', import.meta.url), 'utf8'))
const coreElements = Object.entries(CORE.layers).map(([layer, units]) => ({
  type: `core-${layer}`,
  mode: 'full',
  pattern: units.flatMap((unit) => [`src-main/core/${unit}/**/*`, `src-main/core/${unit}.ts`])
}))
const coreRules = Object.entries(CORE.allow).map(([layer, allowed]) => ({ from: `core-${layer}`, allow: allowed.map((l) => `core-${l}`) }))

// Process boundaries, enforced here and, for indirect imports, by test/unit/core-boundary.test.ts.
const ELECTRON_BANNED = {
  paths: [{ name: 'electron', message: 'Il core gira su Node senza Electron: usare un adattatore in src-main/electron.' }],
  patterns: [{ group: ['electron/*', '@electron/*', 'electron-*'], message: 'Il core non deve dipendere da Electron.' }]
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'resources/migrations/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } }
  },
  {
    rules: {
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // TypeScript already knows every global (DOM in the renderer, Node in main).
      'no-undef': 'off'
    }
  },
  {
    // Everything in src-main except the Electron entry and its adapters runs on plain Node.
    files: ['src-main/**/*.ts', 'src-main/**/*.mjs'],
    ignores: ['src-main/index.ts', 'src-main/electron/**'],
    rules: { 'no-restricted-imports': ['error', ELECTRON_BANNED] }
  },
  {
    // The renderer reaches main only through the contract: no Node, no Electron, no core.
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.vue'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Il renderer usa solo il contratto dei servizi.' }],
          patterns: [
            { group: ['node:*'], message: 'Il renderer gira nel browser: niente moduli Node.' },
            { group: ['**/src-main/core/**', '**/core/*'], message: 'Il renderer usa solo il contratto dei servizi (@contract).' }
          ]
        }
      ]
    }
  },
  {
    files: ['test/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', ELECTRON_BANNED] }
  },
  {
    // Layers inside the core: nothing imports upward; the demo and the simulator only from the root.
    files: ['src-main/core/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': coreElements,
      'import/resolver': { typescript: { project: './tsconfig.node.json' }, node: true }
    },
    rules: {
      'boundaries/element-types': ['error', { default: 'disallow', message: 'Livelli del core (src-main/core/layers.json): ${file.type} non può importare ${dependency.type}.', rules: coreRules }]
    }
  }
)
