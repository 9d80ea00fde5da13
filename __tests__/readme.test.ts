import {readFile, readdir} from 'node:fs/promises'
import {RULES} from '../src/check/index.js'
import {ruleHelpUri} from '../src/report/sarif.js'
import {
  END,
  RULES_DIR,
  START,
  jsdocBody,
  ruleDocs,
  rulePagePath,
  rulesMarkdown,
  ruleSourcePath
} from '../scripts/rules-doc.js'

const ROOT = new URL('../', import.meta.url)
const README = new URL('README.md', ROOT)
const STALE = 'is stale: run `npm run readme`'

async function generated(): Promise<Map<string, string>> {
  const sources = new Map<string, string>()
  for (const rule of RULES) sources.set(rule.id, await readFile(new URL(ruleSourcePath(rule.id), ROOT), 'utf8'))
  return ruleDocs(RULES, (id) => sources.get(id) as string)
}

describe('README.md', () => {
  test('should hold the rule table generated from the catalogue (run `npm run readme`)', async () => {
    const text = await readFile(README, 'utf8')
    const start = text.indexOf(START)
    const end = text.indexOf(END)
    expect(start).toBeGreaterThan(0)
    expect(text.slice(start, end + END.length)).toBe(rulesMarkdown(RULES))
  })

  test('should link every rule to its page', () => {
    const block = rulesMarkdown(RULES)
    for (const rule of RULES) expect(block).toContain(`](${rulePagePath(rule.id)})`)
  })

  test('should name the two commands of a fresh machine', async () => {
    const text = await readFile(README, 'utf8')
    expect(text).toContain('npm ci && npm start')
    expect(text).toContain('npm test')
  })
})

describe('docs/rules', () => {
  test('should hold exactly the generated pages: one per rule and the index', async () => {
    const docs = await generated()
    const onDisk = (await readdir(new URL(`${RULES_DIR}/`, ROOT)))
      .filter((name) => name.endsWith('.md'))
      .map((name) => `${RULES_DIR}/${name}`)
      .sort()
    expect(onDisk).toEqual([...docs.keys()].sort())
    expect(docs.size).toBe(RULES.length + 1)
  })

  test('should be up to date with the rules and their JSDoc (run `npm run readme`)', async () => {
    for (const [file, content] of await generated()) {
      const text = await readFile(new URL(file, ROOT), 'utf8').catch(() => '')
      // A readable failure: which file is stale, not a diff of 29 pages
      expect(text === content ? file : `${file} ${STALE}`).toBe(file)
    }
  })

  test('should be where SARIF help links point', async () => {
    const docs = await generated()
    for (const rule of RULES) {
      const page = rulePagePath(rule.id)
      expect(docs.has(page)).toBe(true)
      expect(ruleHelpUri(rule.id)).toBe(`https://github.com/paperlint/paperlint/blob/main/${page}`)
    }
  })

  test('should put each rule JSDoc on its page (what, options), not the raw comment', async () => {
    const docs = await generated()
    for (const rule of RULES) {
      const page = docs.get(rulePagePath(rule.id)) as string
      expect(page).toContain(`# \`${rule.id}\``)
      expect(page).toContain(rule.description)
      expect(page).toContain('**Options:**')
      expect(page).not.toMatch(/^ ?\*( |$)|@example|\/\*\*/m)
      for (const example of rule.examples) {
        for (const line of example.expected) expect(page).toContain(line)
      }
    }
  })
})

describe('jsdocBody', () => {
  test.each([
    ['no header comment', 'export const x = 1\n', ''],
    [
      'heading, tags and markers dropped, labels bold',
      '/**\n * ## some-rule\n *\n * What: a thing.\n * Not reported: this\n * or that.\n *\n * Not reported: that.\n *\n * @example\n *   - x\n */\nexport {}\n',
      '**What:** a thing.\nNot reported: this\nor that.\n\n**Not reported:** that.'
    ],
    [
      'links as code, lists kept',
      '/**\n * See {@link Rule} and {@link http://x.org | the site}.\n * - one\n *   continued\n */\n',
      'See `Rule` and the site (`http://x.org`).\n- one\n  continued'
    ],
    ['only the first comment', '/** First. */\n/** Second. */\n', 'First.']
  ])('should convert %s', (_, source, expected) => {
    expect(jsdocBody(source)).toBe(expected)
  })
})
