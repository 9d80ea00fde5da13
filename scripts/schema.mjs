// `npm run schema`: regenerate schema/paperlint.schema.json, the configuration
// file's JSON Schema, from the rule catalogue (bundles src/check/index.ts and
// src/config/schema.ts; __tests__/config/schema.test.ts checks the result).
import {build} from 'esbuild'
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

const folder = mkdtempSync(path.join(tmpdir(), 'paperlint-schema-'))
try {
  const outfile = path.join(folder, 'schema.mjs')
  await build({
    stdin: {
      contents:
        "import {RULES} from './src/check/index.ts'\nimport {SCHEMA_PATH, catalogueOf, schemaText} from './src/config/schema.ts'\nexport const text = schemaText(catalogueOf(RULES))\nexport {SCHEMA_PATH}\n",
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
  const {text, SCHEMA_PATH} = await import(outfile)
  mkdirSync(path.dirname(SCHEMA_PATH), {recursive: true})
  writeFileSync(SCHEMA_PATH, text)
  console.log(`${SCHEMA_PATH}: regenerated from the rule catalogue`)
} finally {
  rmSync(folder, {recursive: true, force: true})
}
