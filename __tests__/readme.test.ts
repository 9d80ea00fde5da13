import {readFile} from 'node:fs/promises'
import {RULES} from '../src/check/index.js'
import {END, START, rulesMarkdown} from '../scripts/rules-doc.js'

const README = new URL('../README.md', import.meta.url)

describe('README.md', () => {
  test('should hold the rule reference generated from the catalogue (run `npm run readme`)', async () => {
    const text = await readFile(README, 'utf8')
    const start = text.indexOf(START)
    const end = text.indexOf(END)
    expect(start).toBeGreaterThan(0)
    expect(text.slice(start, end + END.length)).toBe(rulesMarkdown(RULES))
  })

  test('should name the two commands of a fresh machine', async () => {
    const text = await readFile(README, 'utf8')
    expect(text).toContain('npm ci && npm start')
    expect(text).toContain('npm test')
  })
})
