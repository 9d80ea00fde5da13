// `npm run readme`: regenerate the rule reference block of README.md from the
// rule catalogue (bundles scripts/rules-doc.ts and src/check/index.ts).
import {build} from 'esbuild'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

const folder = mkdtempSync(path.join(tmpdir(), 'paperlint-readme-'))
try {
  const outfile = path.join(folder, 'doc.mjs')
  await build({
    stdin: {
      contents:
        "import {RULES} from './src/check/index.ts'\nimport {rulesMarkdown, replaceBlock} from './scripts/rules-doc.ts'\nexport const block = rulesMarkdown(RULES)\nexport {replaceBlock}\n",
      resolveDir: process.cwd(),
      loader: 'ts'
    },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'error',
    banner: {js: "import {createRequire as __cr} from 'node:module';const require = __cr(import.meta.url);"}
  })
  const {block, replaceBlock} = await import(outfile)
  const readme = readFileSync('README.md', 'utf8')
  const next = replaceBlock(readme, block)
  if (next === undefined) {
    console.error('README.md: rules markers not found')
    process.exit(2)
  }
  writeFileSync('README.md', next)
  console.log('README.md: rule reference regenerated')
} finally {
  rmSync(folder, {recursive: true, force: true})
}
