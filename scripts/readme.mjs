// `npm run readme`: regenerate the rule reference from the rule catalogue and
// the rule files' JSDoc (bundles scripts/rules-doc.ts and src/check/index.ts):
// docs/rules/<id>.md, docs/rules/README.md, and the rule table of README.md.
// Pages of rules that no longer exist are removed.
import {mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {importTs} from './import-ts.mjs'

const {RULES, rulesMarkdown, ruleDocs, ruleSourcePath, replaceBlock, RULES_DIR} = await importTs(
  "export {RULES} from './src/check/index.ts'\nexport {rulesMarkdown, ruleDocs, ruleSourcePath, replaceBlock, RULES_DIR} from './scripts/rules-doc.ts'\n"
)

const docs = ruleDocs(RULES, (id) => readFileSync(ruleSourcePath(id), 'utf8'))
mkdirSync(RULES_DIR, {recursive: true})
for (const name of readdirSync(RULES_DIR)) {
  const file = `${RULES_DIR}/${name}`
  if (name.endsWith('.md') && !docs.has(file)) {
    rmSync(file)
    console.log(`${file}: removed (no such rule)`)
  }
}
for (const [file, content] of docs) writeFileSync(file, content)

const readme = readFileSync('README.md', 'utf8')
const next = replaceBlock(readme, rulesMarkdown(RULES))
if (next === undefined) {
  console.error('README.md: rules markers not found')
  process.exit(2)
}
writeFileSync('README.md', next)
console.log(`README.md and ${RULES_DIR}/ (${docs.size} files): rule reference regenerated`)
