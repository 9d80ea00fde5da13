import {extractDocument} from '../../src/extract/document.js'
import type {Document} from '../../src/types.js'

function linksOf(document: Document): string[] {
  for (const link of document.links) {
    // Whatever the columns say, the span must hold the URL itself
    if (link.element === 'reference') continue
    expect(document.source.slice(link.span.start.offset, link.span.end.offset)).toBe(link.url)
  }
  return document.links.map(
    (link) =>
      `${link.span.start.line}:${link.span.start.column}-${link.span.end.line}:${link.span.end.column} ${link.element} ${link.role} ${link.url}`
  )
}

describe('extractDocument', () => {
  test('should read a horseee-style row: title link, authors, badges, figure, links', () => {
    const markdown = [
      '## Quantization',
      '| Title & Authors | Introduction | Links |',
      '|:--|  :----: | :---:|',
      '|[![Star](https://img.shields.io/github/stars/IST-DASLab/gptq.svg?style=social&label=Star)](https://github.com/IST-DASLab/gptq)[![Publish](https://img.shields.io/badge/Conference-ICLR\'22-blue)]()<br>[GPTQ: Accurate Post-Training Quantization](https://arxiv.org/abs/2210.17323) <br> Elias Frantar, Saleh Ashkboos, Dan Alistarh |<img width="202" alt="image" src="figures/GPTQ.png"> |[Github](https://github.com/IST-DASLab/gptq) <br> [Paper](https://arxiv.org/abs/2210.17323)|[//]: #12/30'
    ].join('\n')
    const document = extractDocument('README.md', markdown)
    expect(document.entries).toHaveLength(1)
    const [entry] = document.entries
    expect(entry).toMatchObject({
      kind: 'table-row',
      section: ['Quantization'],
      title: 'GPTQ: Accurate Post-Training Quantization',
      titleSource: 'link-text',
      authors: ['Elias Frantar', 'Saleh Ashkboos', 'Dan Alistarh']
    })
    expect(linksOf(document)).toEqual([
      '4:93-4:127 link code https://github.com/IST-DASLab/gptq',
      '4:11-4:90 image stars-badge https://img.shields.io/github/stars/IST-DASLab/gptq.svg?style=social&label=Star',
      '4:195-4:195 link other ',
      "4:140-4:192 image venue-badge https://img.shields.io/badge/Conference-ICLR'22-blue",
      '4:244-4:276 link paper https://arxiv.org/abs/2210.17323',
      '4:362-4:378 html-img figure figures/GPTQ.png',
      '4:391-4:425 link code https://github.com/IST-DASLab/gptq',
      '4:440-4:472 link paper https://arxiv.org/abs/2210.17323'
    ])
    expect(entry.links).toHaveLength(8)
    expect(document.tables[0].rows[0].extraCells).toEqual([
      expect.objectContaining({text: '[//]: #12/30', isComment: true})
    ])
  })

  test('should handle escaped pipes, </br>, CRLF and a BOM', () => {
    const markdown =
      '\ufeff# T\r\n\r\n| Title | Code |\r\n|---|---|\r\n| A \\| B: a title</br>x | [c](https://github.com/a/b) |\r\n'
    const document = extractDocument('x.md', markdown)
    expect(document.bom).toBe(true)
    expect(document.entries[0].title).toBe('A | B: a title')
    expect(document.entries[0].titleSource).toBe('title-column')
    expect(linksOf(document)).toEqual(['5:31-5:53 link code https://github.com/a/b'])
  })

  test('should read reference-style links and definitions', () => {
    const markdown = '- [Paper A][a] - a paper\n\n[a]: https://arxiv.org/abs/2305.09781 "t"\n'
    const document = extractDocument('x.md', markdown)
    expect(linksOf(document)).toEqual([
      '1:3-1:15 reference paper https://arxiv.org/abs/2305.09781',
      '3:6-3:38 definition paper https://arxiv.org/abs/2305.09781'
    ])
    expect(document.links[0].definition?.start.line).toBe(3)
    expect(document.entries[0].title).toBe('Paper A')
  })

  test('should make bullet items and nested items entries, not navigation', () => {
    const markdown = [
      '## Contents',
      '- [Papers](#papers)',
      '## Papers',
      '- [Node.js](https://github.com/sindresorhus/awesome-nodejs#readme) - JavaScript runtime.',
      '  - [Sub](https://example.com/sub) - nested',
      '- **[2026.05.27]**',
      '  - Paper: [Periodic RoPE](https://arxiv.org/abs/2605.27980)'
    ].join('\n')
    const document = extractDocument('x.md', markdown)
    expect(
      document.entries.map((entry) => `${entry.span.start.line} ${entry.title} [${entry.section.join(' > ')}]`)
    ).toEqual(['4 Node.js [Papers]', '5 Sub [Papers]', '7 Periodic RoPE [Papers]'])
    expect(document.headings.map((heading) => heading.slug)).toEqual(['contents', 'papers'])
  })

  test('should position URLs inside inline HTML, tolerating unclosed tags', () => {
    const markdown =
      'Text <a href="https://a.example/x">a</a> and <img src=\'b.png\' alt="b"><br>\n\n<p><img src=c.png>\n'
    const document = extractDocument('x.md', markdown)
    expect(linksOf(document)).toEqual([
      '1:15-1:34 html-a other https://a.example/x',
      '1:56-1:61 html-img figure b.png',
      '3:13-3:18 html-img figure c.png'
    ])
  })

  test('should read autolinks, literals and slugs of repeated headings', () => {
    const markdown = '# A\n\n# A\n\n<https://a.example> and https://b.example/x.\n'
    const document = extractDocument('x.md', markdown)
    expect(document.headings.map((heading) => heading.slug)).toEqual(['a', 'a-1'])
    expect(linksOf(document)).toEqual([
      '5:2-5:19 autolink other https://a.example',
      '5:25-5:44 literal other https://b.example/x'
    ])
  })

  test('should read inline directives', () => {
    const document = extractDocument(
      'x.md',
      '<!-- paperlint-disable-next-line duplicate-entry, link-empty -->\ntext\n\n<!-- paperlint-disable -->\n'
    )
    expect(document.directives).toEqual([
      {kind: 'disable-next-line', rules: ['duplicate-entry', 'link-empty'], line: 1},
      {kind: 'disable', rules: [], line: 4}
    ])
  })
})
