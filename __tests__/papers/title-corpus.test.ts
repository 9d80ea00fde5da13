/**
 * The title thresholds, re-measured on the shared corpus (see the top of
 * src/papers/title.ts). Skipped, visibly, where the corpus is absent.
 */
import {entryPaperIds} from '../../src/papers/identity.js'
import {normalizeTitle, titlesMatch} from '../../src/papers/title.js'
import {corpusDocuments, describeCorpus} from '../helpers/corpus.js'

/** Entries with one arXiv id and a written title (link text or Title column), in file order. */
async function titledEntries(): Promise<Array<{file: string; id: string; title: string}>> {
  return [...(await corpusDocuments()).values()].flatMap((document) =>
    document.entries.flatMap((entry) => {
      const ids = entryPaperIds(document, entry)
      const written = entry.titleSource === 'link-text' || entry.titleSource === 'title-column'
      return ids.length === 1 && written && entry.title.trim() !== ''
        ? [{file: document.file, id: ids[0], title: entry.title}]
        : []
    })
  )
}

describeCorpus('title corpus test')('title thresholds on the shared corpus', () => {
  let entries: Array<{file: string; id: string; title: string}> = []
  beforeAll(async () => {
    entries = await titledEntries()
  }, 120_000)
  const report: string[] = []
  afterAll(() => console.log(`title matching on the corpus:\n${report.join('\n')}`))

  test('should match the different titles lists give one arXiv id', () => {
    const byId = new Map<string, Set<string>>()
    for (const {id, title} of entries) byId.set(id, (byId.get(id) ?? new Set()).add(title))
    let pairs = 0
    let matched = 0
    for (const titles of byId.values()) {
      const list = [...titles]
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          if (normalizeTitle(list[i]) === normalizeTitle(list[j])) continue
          pairs++
          if (titlesMatch(list[i], list[j])) matched++
        }
      }
    }
    report.push(`true pairs: ${matched}/${pairs} match`)
    expect(pairs).toBeGreaterThan(200)
    // The misses are wrong ids in the lists and papers renamed on arXiv
    expect(matched / pairs).toBeGreaterThanOrEqual(0.95)
  })

  test('should not match the title of the row above (the copy-paste case)', () => {
    let pairs = 0
    let matched = 0
    for (let i = 1; i < entries.length; i++) {
      const [above, entry] = [entries[i - 1], entries[i]]
      if (above.file !== entry.file || above.id === entry.id) continue
      pairs++
      if (titlesMatch(entry.title, above.title)) matched++
    }
    report.push(`row above: ${matched}/${pairs} match`)
    expect(pairs).toBeGreaterThan(5000)
    expect(matched / pairs).toBeLessThanOrEqual(0.005)
  })

  test('should not match random pairs of titles of different papers', () => {
    // A fixed linear congruential sequence: the same sample on every run
    let seed = 42
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % entries.length
    let pairs = 0
    let matched = 0
    while (pairs < 20_000) {
      const [a, b] = [entries[next()], entries[next()]]
      if (a.id === b.id) continue
      pairs++
      if (titlesMatch(a.title, b.title)) matched++
    }
    report.push(`random wrong pairs: ${matched}/${pairs} match`)
    expect(matched / pairs).toBeLessThanOrEqual(1e-4)
  })
})
