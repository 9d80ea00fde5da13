/**
 * Robustness on real lists: every Markdown file of ../shared/corpus parses,
 * and its extraction is sane. Skipped, visibly, where the corpus is absent.
 * The documents come from the run's one extraction (helpers/corpus.ts).
 */
import type {Document} from '../../src/types.js'
import {corpusDocuments, corpusFiles, describeCorpus} from '../helpers/corpus.js'

const files = corpusFiles()

describeCorpus('corpus extraction test')('extraction on the shared corpus', () => {
  let documents: Map<string, Document>
  beforeAll(async () => {
    documents = await corpusDocuments()
  }, 120_000)

  const counts: string[] = []
  afterAll(() => {
    if (counts.length > 0) console.log(`corpus extraction (file: entries/links):\n${counts.join('\n')}`)
  })

  test('should find the corpus files', () => {
    expect(files.length).toBeGreaterThanOrEqual(50)
  })

  test('should extract every file', () => {
    expect([...documents.keys()]).toEqual(files)
  })

  test.each(files.map((file) => [file]))('%s', (name) => {
    const document = documents.get(name)!
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
