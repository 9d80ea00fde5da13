// Bundles the action entry and the CLI into ESM files under the given folder,
// each with `<entry>.LICENSES.txt`: the license texts of the packages bundled
// into it (the npm package ships dist/cli.js without node_modules).
// Deterministic: no timestamps, no absolute paths (esbuild writes relative
// source paths), so `check-dist` can compare byte for byte.
import {build} from 'esbuild'
import {chmod, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {readFileSync} from 'node:fs'
import {bundledPackageDirs, readPackageLicense, renderLicenses} from './licenses.mjs'

const {version} = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))

const outdir = process.argv[2] ?? 'dist'

// A fresh folder: chunks of earlier builds (other hashes) must not linger
await rm(outdir, {recursive: true, force: true})

const ENTRIES = {index: 'src/index.ts', cli: 'src/cli.ts'}

const {metafile} = await build({
  entryPoints: ENTRIES,
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
  metafile: true,
  define: {PAPERLINT_VERSION: JSON.stringify(version)},
  // CommonJS dependencies (undici) call require() for Node built-ins.
  banner: {
    js: "import {createRequire as __paperlintCreateRequire} from 'node:module';const require = __paperlintCreateRequire(import.meta.url);"
  }
})
await chmod(path.join(outdir, 'cli.js'), 0o755)
for (const [name, entryPoint] of Object.entries(ENTRIES)) {
  const packages = bundledPackageDirs(metafile, entryPoint).map(readPackageLicense)
  await writeFile(path.join(outdir, `${name}.js.LICENSES.txt`), renderLicenses(`dist/${name}.js`, packages))
}
