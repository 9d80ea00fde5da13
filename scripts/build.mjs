// Bundles the action entry and the CLI into ESM files under the given folder.
// Deterministic: no timestamps, no absolute paths (esbuild writes relative
// source paths), so `check-dist` can compare byte for byte.
import {build} from 'esbuild'
import {chmod, rm} from 'node:fs/promises'
import path from 'node:path'
import {readFileSync} from 'node:fs'

const {version} = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))

const outdir = process.argv[2] ?? 'dist'

// A fresh folder: chunks of earlier builds (other hashes) must not linger
await rm(outdir, {recursive: true, force: true})

await build({
  entryPoints: {index: 'src/index.ts', cli: 'src/cli.ts'},
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: false,
  legalComments: 'linked',
  logLevel: 'warning',
  define: {PAPERLINT_VERSION: JSON.stringify(version)},
  // CommonJS dependencies (undici) call require() for Node built-ins.
  banner: {
    js: "import {createRequire as __paperlintCreateRequire} from 'node:module';const require = __paperlintCreateRequire(import.meta.url);"
  }
})
await chmod(path.join(outdir, 'cli.js'), 0o755)
