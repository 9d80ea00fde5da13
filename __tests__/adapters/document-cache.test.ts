import {existsSync} from 'node:fs'
import {mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {documentCachePath, loadDocumentCache} from '../../src/adapters/document-cache.js'
import {extractDocument} from '../../src/extract/document.js'

const SAMPLE = new URL('../../examples/awesome-sample.md', import.meta.url)

async function folder(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'paperlint-doc-cache-'))
}

describe('extraction cache', () => {
  test('should name its file after the results cache', () => {
    expect(documentCachePath('.paperlint-cache.json')).toBe('.paperlint-cache.documents.json')
    expect(documentCachePath('/x/cache')).toBe('/x/cache.documents.json')
  })

  test.each([
    ['the example list', ''],
    ['a BOM and CRLF', '\ufeff']
  ])('should give back exactly the extracted Document (%s) after a save and a reload', async (_name, prefix) => {
    const raw = await readFile(SAMPLE, 'utf8')
    const text = prefix === '' ? raw : prefix + raw.replace(/\n/g, '\r\n')
    const file = path.join(await folder(), 'documents.json')
    const warnings: string[] = []
    const first = await loadDocumentCache(file, '1.0.0', (line) => warnings.push(line))
    const document = extractDocument('README.md', text)
    expect(first.get('README.md', text)).toBeUndefined()
    first.set('README.md', text, document)
    await first.save()

    const second = await loadDocumentCache(file, '1.0.0', (line) => warnings.push(line))
    // Through JSON: undefined fields disappear, as they would in any report
    expect(second.get('README.md', text)).toEqual(JSON.parse(JSON.stringify(document)))
    expect(second.get('README.md', text + '\n- [x](https://x.example)\n')).toBeUndefined()
    expect(second.get('OTHER.md', text)).toBeUndefined()
    expect(warnings).toEqual([])
  })

  test('should ignore entries of another version and warn once for a corrupt file', async () => {
    const directory = await folder()
    const file = path.join(directory, 'documents.json')
    const text = '# A\n'
    const old = await loadDocumentCache(file, '1.0.0', () => {})
    old.set('README.md', text, extractDocument('README.md', text))
    await old.save()
    const upgraded = await loadDocumentCache(file, '1.1.0', () => {})
    expect(upgraded.get('README.md', text)).toBeUndefined()

    await writeFile(file, '{not json')
    const warnings: string[] = []
    const corrupt = await loadDocumentCache(file, '1.0.0', (line) => warnings.push(line))
    expect(corrupt.get('README.md', text)).toBeUndefined()
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/^Ignoring the extraction cache/)
  })

  test('should not write the file when nothing changed', async () => {
    const file = path.join(await folder(), 'documents.json')
    const cache = await loadDocumentCache(file, '1.0.0', () => {})
    await cache.save()
    expect(existsSync(file)).toBe(false)
  })
})
