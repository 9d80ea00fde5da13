// `npm run schema`: regenerate schema/paperlint.schema.json, the configuration
// file's JSON Schema, from the rule catalogue (bundles src/check/index.ts and
// src/config/schema.ts; __tests__/config/schema.test.ts checks the result).
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {importTs} from './import-ts.mjs'

const {text, SCHEMA_PATH} = await importTs(
  "import {RULES} from './src/check/index.ts'\nimport {SCHEMA_PATH, catalogueOf, schemaText} from './src/config/schema.ts'\nexport const text = schemaText(catalogueOf(RULES))\nexport {SCHEMA_PATH}\n"
)
mkdirSync(path.dirname(SCHEMA_PATH), {recursive: true})
writeFileSync(SCHEMA_PATH, text)
console.log(`${SCHEMA_PATH}: regenerated from the rule catalogue`)
