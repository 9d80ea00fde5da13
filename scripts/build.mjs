// Bundles the action entry and the CLI into ESM files under the given folder,
// with linked source maps, each entry with `<entry>.LICENSES.txt`: the license
// texts of the packages bundled into it (the npm package ships dist/cli.js
// without node_modules). Deterministic: no timestamps, no absolute paths, so
// `check-dist` can compare byte for byte. esbuild writes the maps' source
// paths relative to the output folder, so the bundle is made as if for
// `dist/` (paths `../src/…`) and written to the given folder: a build in a
// temporary folder equals the committed one.
import {build} from 'esbuild'
import {chmod, mkdir, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {bundledPackageDirs, readPackageLicense, renderLicenses} from './licenses.mjs'

const {version} = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))

const outdir = path.resolve(process.argv[2] ?? 'dist')
const root = fileURLToPath(new URL('..', import.meta.url))
// The metafile's paths (read for the license notices) are relative to the root
process.chdir(root)
/** Where the maps' source paths are relative to: the committed dist/. */
const nominal = path.join(root, 'dist')

// A fresh folder: chunks of earlier builds (other hashes) must not linger
await rm(outdir, {recursive: true, force: true})

const ENTRIES = {index: 'src/index.ts', cli: 'src/cli.ts'}

const {metafile, outputFiles} = await build({
  entryPoints: ENTRIES,
  outdir: nominal,
  absWorkingDir: root,
  // A checkout whose node_modules is a symlink (a git worktree sharing an
  // install) names modules by the link, as in the main checkout
  preserveSymlinks: true,
  write: false,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  // Stack traces need the mappings only (and src/ is in the repository)
  sourcesContent: false,
  legalComments: 'linked',
  logLevel: 'warning',
  metafile: true,
  define: {PAPERLINT_VERSION: JSON.stringify(version)},
  // CommonJS dependencies (undici) call require() for Node built-ins.
  banner: {
    js: "import {createRequire as __paperlintCreateRequire} from 'node:module';const require = __paperlintCreateRequire(import.meta.url);"
  }
})
for (const file of outputFiles) {
  const target = path.join(outdir, path.relative(nominal, file.path))
  await mkdir(path.dirname(target), {recursive: true})
  await writeFile(target, file.contents)
}
await chmod(path.join(outdir, 'cli.js'), 0o755)
for (const [name, entryPoint] of Object.entries(ENTRIES)) {
  const packages = bundledPackageDirs(metafile, entryPoint).map(readPackageLicense)
  await writeFile(path.join(outdir, `${name}.js.LICENSES.txt`), renderLicenses(`dist/${name}.js`, packages))
}
