/**
 * Robustness on real lists: every Markdown file of ../shared/corpus parses,
 * and its extraction is sane. Skipped, visibly, where the corpus is absent.
 */
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import {extractDocument} from '../../src/extract/document.js'

const CORPUS = path.resolve(process.cwd(), '../shared/corpus')
const present = existsSync(CORPUS)

function markdownFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name)
    if (statSync(full).isDirectory()) return markdownFiles(full)
    return name.endsWith('.md') && name !== 'SOURCES.md' ? [full] : []
  })
}

const files = present ? markdownFiles(CORPUS) : []
const maybe = present ? describe : describe.skip
if (!present) {
  console.warn(`corpus test skipped: ${CORPUS} is absent (the shared folder is not beside this checkout)`)
}

maybe('extraction on the shared corpus', () => {
  const counts: string[] = []
  afterAll(() => {
    if (counts.length > 0) console.log(`corpus extraction (file: entries/links):\n${counts.join('\n')}`)
  })

  test('should find the corpus files', () => {
    expect(files.length).toBeGreaterThanOrEqual(50)
  })

  test.each(files.map((file) => [path.relative(CORPUS, file)]))('%s', (name) => {
    const text = readFileSync(path.join(CORPUS, name), 'utf8')
    const document = extractDocument(name, text)
    counts.push(`${name}: ${document.entries.length}/${document.links.length}`)
    for (const link of document.links) {
      // Every position is inside the file and ordered
      expect(link.span.start.offset).toBeLessThanOrEqual(link.span.end.offset)
      expect(link.span.end.offset).toBeLessThanOrEqual(document.source.length)
      if (link.element === 'reference' || link.element === 'literal') continue
      // The span holds the URL as written (modulo Markdown escapes and entities)
      const written = document.source
        .slice(link.span.start.offset, link.span.end.offset)
        .replace(/\\(.)/g, '$1')
        .replace(/&amp;/g, '&')
      expect(written).toBe(link.url)
    }
    for (const table of document.tables) {
      for (const row of table.rows) {
        const entry = document.entries.find((candidate) => candidate.span.start.offset === row.span.start.offset)
        if (!entry) continue
        // A paper row has a title and owns its links
        if (entry.links.some((index) => document.links[index].role === 'paper')) {
          expect(entry.title.trim()).not.toBe('')
        }
        for (const index of entry.links) {
          const link = document.links[index]
          expect(link.entry).toBe(document.entries.indexOf(entry))
          expect(link.span.start.line).toBeGreaterThanOrEqual(row.span.start.line)
          expect(link.span.end.line).toBeLessThanOrEqual(row.span.end.line)
        }
      }
    }
  })
})
