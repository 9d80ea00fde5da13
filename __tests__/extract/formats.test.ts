/**
 * Every list shape is entries: HTML `<table>` rows (one html node or split by
 * blank lines, rowspan/colspan headers), paragraph entries joined by hard
 * breaks, a bold title with labelled link bullets, and bold-titled numbered
 * and bulleted items; and the entry rules fire on them.
 */
import {RULES} from '../../src/check/index.js'
import {checkDocuments, emptyEvidence} from '../../src/check/run.js'
import {extractDocument} from '../../src/extract/document.js'
import type {ArxivRecord, Document, EvidenceStore, Resolution} from '../../src/types.js'
import {examplePaper} from '../../src/check/example-records.js'

/** Links as `line:column-line:column role url`, after checking each span holds its URL. */
function linksOf(document: Document, indices?: number[]): string[] {
  const links = indices ? indices.map((index) => document.links[index]) : document.links
  for (const link of links) {
    expect(document.source.slice(link.span.start.offset, link.span.end.offset)).toBe(link.url)
  }
  return links.map(
    (link) =>
      `${link.span.start.line}:${link.span.start.column}-${link.span.end.line}:${link.span.end.column} ${link.role} ${link.url}`
  )
}

function entriesOf(document: Document): string[] {
  return document.entries.map(
    (entry) =>
      `${entry.kind} ${entry.span.start.line}-${entry.span.end.line} [${entry.titleSource}] ${entry.title}` +
      (entry.authors.length > 0 ? ` by ${entry.authors.join('; ')}` : '')
  )
}

function found(id: string, title: string): Resolution<ArxivRecord> {
  return {state: 'found', data: examplePaper(id, title)}
}

/** Findings of the given rules as `rule line:column message`. */
function findings(markdown: string, ruleIds: string[], evidence: Partial<EvidenceStore> = {}): string[] {
  const rules = RULES.filter((rule) => ruleIds.includes(rule.id))
  expect(rules).toHaveLength(ruleIds.length)
  return checkDocuments([extractDocument('README.md', markdown)], {
    rules,
    settings: new Map(rules.map((rule) => [rule.id, {severity: rule.defaultSeverity, options: {}}])),
    evidence: {...emptyEvidence(), ...evidence},
    root: '/repo',
    offline: false
  }).map((finding) => `${finding.rule} ${finding.line}:${finding.column} ${finding.message}`)
}

const HTML_TABLE = [
  '## Quantization',
  '',
  '<table>',
  '<tr><th rowspan="2">Title</th><th rowspan="2">Venue</th><th colspan="2">Links</th></tr>',
  '<tr><th>Paper</th><th>Code</th></tr>',
  '<tr><td colspan="4"><i>Post-training</i></td></tr>',
  '<tr><td><a href="https://arxiv.org/abs/2210.17323">GPTQ: Accurate Post-Training Quantization</a><br>Elias Frantar, Dan Alistarh</td><td>ICLR 2023</td><td><a href="https://arxiv.org/pdf/2210.17323">PDF</a></td><td><a href="https://github.com/IST-DASLab/gptq">Code</a></td></tr>',
  '<tr><td>AWQ: Activation-aware Weight Quantization</td><td>MLSys</td><td><a href="https://arxiv.org/abs/2306.00978">PDF</a></td><td></td><td>2024</td></tr>',
  '</table>',
  ''
].join('\n')

describe('HTML tables', () => {
  test('should map each body <tr> to an entry, with header roles across rowspan and colspan', () => {
    const document = extractDocument('README.md', HTML_TABLE)
    // The caption row (one full-width cell, no link) is no entry
    expect(entriesOf(document)).toEqual([
      'table-row 7-7 [link-text] GPTQ: Accurate Post-Training Quantization',
      'table-row 8-8 [title-column] AWQ: Activation-aware Weight Quantization'
    ])
    const [gptq, awq] = document.entries
    expect(gptq.section).toEqual(['Quantization'])
    expect(gptq.cells.map((cell) => `${cell.role}:${cell.header}:${cell.text}`)).toEqual([
      'title:Title:GPTQ: Accurate Post-Training Quantization Elias Frantar, Dan Alistarh',
      'venue:Venue:ICLR 2023',
      'paper:Links Paper:PDF',
      'code:Links Code:Code'
    ])
    expect(linksOf(document, gptq.links)).toEqual([
      '7:18-7:50 paper https://arxiv.org/abs/2210.17323',
      '7:164-7:196 paper https://arxiv.org/pdf/2210.17323',
      '7:223-7:257 code https://github.com/IST-DASLab/gptq'
    ])
    // The title span is the whole <a> element; a cell span is its content
    expect(gptq.titleSpan?.start).toMatchObject({line: 7, column: 9})
    const venue = gptq.cells[1].span
    expect(document.source.slice(venue.start.offset, venue.end.offset)).toBe('ICLR 2023')
    expect(linksOf(document, awq.links)).toEqual(['8:82-8:114 paper https://arxiv.org/abs/2306.00978'])
    expect(document.tables).toEqual([
      expect.objectContaining({
        format: 'html',
        headerCells: 4,
        span: expect.objectContaining({start: expect.objectContaining({line: 3, column: 1})})
      })
    ])
    expect(document.tables[0].rows.map((row) => row.extraCells.map((cell) => cell.text))).toEqual([[], [], ['2024']])
  })

  test('should read a table split by blank lines, with Markdown in its cells', () => {
    const markdown = [
      '<table>',
      '<tr>',
      '<th>Method</th>',
      '<th>Links</th>',
      '</tr>',
      '<tr>',
      '<td>',
      '',
      '**SmoothQuant**: Accurate and Efficient <br> *Guangxuan Xiao*',
      '',
      '</td>',
      '<td>',
      '',
      '[Paper](https://arxiv.org/abs/2211.10438) [Code](https://github.com/mit-han-lab/smoothquant)',
      '',
      '</td>',
      '</tr>',
      '</table>',
      '',
      '- [Not a row](https://example.com/after)'
    ].join('\n')
    const document = extractDocument('README.md', markdown)
    expect(entriesOf(document)).toEqual([
      'table-row 6-17 [title-column] SmoothQuant: Accurate and Efficient',
      'list-item 20-20 [link-text] Not a row'
    ])
    expect(document.entries[0].cells.map((cell) => cell.text)).toEqual([
      'SmoothQuant: Accurate and Efficient Guangxuan Xiao',
      'Paper Code'
    ])
    expect(linksOf(document, document.entries[0].links)).toEqual([
      '14:9-14:41 paper https://arxiv.org/abs/2211.10438',
      '14:50-14:92 code https://github.com/mit-han-lab/smoothquant'
    ])
    expect(document.entries[0].titleSpan?.start).toMatchObject({line: 9, column: 3})
  })

  test('should not shift cells under a body rowspan, nor make layout tables entries', () => {
    const markdown = [
      '<table>',
      '  <tr><td><strong>Application</strong></td><td><a href="https://huggingface.co/spaces/x/y"><img src="https://img.shields.io/badge/app-yellow.svg"></a></td></tr>',
      '  <tr><td><strong>Previous Collections</strong></td><td><a href="https://github.com/a/b/blob/main/README_2023.md">2023</a></td></tr>',
      '</table>',
      '',
      '<table>',
      '  <thead><tr><th>Section</th><th>Papers</th><th>Code</th></tr></thead>',
      '  <tbody>',
      '    <tr><td><a href="https://github.com/XPixelGroup/DiffBIR">DiffBIR: Towards Blind Image Restoration</a></td><td>131</td><td colspan="1" rowspan="2">Will soon be added</td></tr>',
      '    <tr><td><a href="https://github.com/OpenDriveLab/UniAD">UniAD: Planning-oriented Autonomous Driving</a></td><td>29</td></tr>',
      '  </tbody>',
      '</table>',
      '',
      '<table><tr><td><a href="https://arxiv.org/abs/2305.11627">LLM-Pruner</a></td><td><a href="https://github.com/horseee/LLM-Pruner">Code</a></td></tr></table>'
    ].join('\n')
    const document = extractDocument('README.md', markdown)
    expect(entriesOf(document)).toEqual([
      'table-row 9-9 [link-text] DiffBIR: Towards Blind Image Restoration',
      'table-row 10-10 [link-text] UniAD: Planning-oriented Autonomous Driving',
      'table-row 14-14 [link-text] LLM-Pruner'
    ])
    expect(document.tables.map((table) => table.headerCells)).toEqual([0, 3, 0])
    expect(document.tables.flatMap((table) => table.rows.flatMap((row) => row.extraCells))).toEqual([])
    // The layout table's links are still links (checked online), of no entry
    expect(document.links.filter((link) => link.entry === undefined).map((link) => link.url)).toEqual([
      'https://huggingface.co/spaces/x/y',
      'https://img.shields.io/badge/app-yellow.svg',
      'https://github.com/a/b/blob/main/README_2023.md'
    ])
  })

  test('should not make table-of-contents rows entries', () => {
    const markdown = [
      '<table>',
      '<thead><tr><th>Section</th><th>Papers</th></tr></thead>',
      '<tr><td><a href="https://github.com/a/b/blob/main/sections/low-level.md">Low-Level Vision</a></td><td><a href="sections/low-level.md"><img src="https://img.shields.io/badge/131-42BA16" alt="Papers"></a></td></tr>',
      '<tr><td><a href="sections/robotics.md">Robotics</a></td><td>29</td></tr>',
      '<tr><td>ICCV</td><td><a href="https://github.com/DmitryRyumin/ICCV-2023-Papers">list</a></td></tr>',
      '</table>'
    ].join('\n')
    const document = extractDocument('README.md', markdown)
    expect(entriesOf(document)).toEqual(['table-row 5-5 [inferred] ICCV'])
    expect(document.links.filter((link) => link.entry === undefined)).toHaveLength(4)
  })

  test('should not let an unclosed table swallow the list after it', () => {
    const markdown = [
      '<table>',
      '<tr><td><a href="https://arxiv.org/abs/2305.11627">LLM-Pruner</a></td></tr>',
      '',
      '- [Wanda](https://arxiv.org/abs/2306.11695)',
      '',
      '</div>'
    ].join('\n')
    const document = extractDocument('README.md', markdown)
    expect(entriesOf(document)).toEqual(['table-row 2-2 [link-text] LLM-Pruner', 'list-item 4-4 [link-text] Wanda'])
  })

  test('should fire duplicate-entry, entry-arxiv-conflict, table-extra-cells and arXiv rules on rows', () => {
    const markdown = [
      '## Pruning',
      '',
      '<table>',
      '<tr><th>Title</th><th>Paper</th></tr>',
      '<tr><td>LLM-Pruner: On the Structural Pruning of Large Language Models</td><td><a href="https://arxiv.org/abs/2305.11627">PDF</a></td></tr>',
      '<tr><td>Wanda: A Simple and Effective Pruning Approach</td><td><a href="https://arxiv.org/abs/2306.11695">PDF</a> <a href="https://arxiv.org/pdf/2305.11627">PDF</a></td></tr>',
      '<tr><td>LLM-Pruner: on the structural pruning of large language models</td><td><a href="https://arxiv.org/pdf/2305.11627v2">PDF</a></td></tr>',
      '<tr><td>SparseGPT</td><td>Massive Language Models Can Be Accurately Pruned</td><td><a href="https://arxiv.org/abs/2301.0077">PDF</a></td></tr>',
      '</table>',
      ''
    ].join('\n')
    expect(
      findings(markdown, ['duplicate-entry', 'entry-arxiv-conflict', 'table-extra-cells', 'arxiv-id-malformed'])
    ).toEqual([
      // A row linking another row's paper
      'duplicate-entry 6:9 Unexpected second entry for arXiv `2305.11627` in this section, expected each paper once (first listed on line 5): the titles differ (`LLM-Pruner: On the Structural Pruning of Large Language Models` and `Wanda: A Simple and Effective Pruning Approach`), so one of them links the wrong paper',
      'entry-arxiv-conflict 6:124 Unexpected arXiv id `2305.11627` in an entry that links `2306.11695`, expected one paper per entry',
      // A duplicate row
      'duplicate-entry 7:9 Unexpected second entry for arXiv `2305.11627` in this section, expected each paper once (first listed on line 5)',
      // A misaligned row
      'table-extra-cells 8:84 Unexpected 1 cell beyond the header\'s 2 columns, expected at most 2: GitHub shows it under no header (`<a href="https://arxiv.org/abs/2301.0077">PDF</a>`)',
      'arxiv-id-malformed 8:115 Unexpected arXiv id `2301.0077`: ids from 2015 on have five digits after the dot, not 4'
    ])
    const evidence = {
      arxiv: new Map([
        ['2306.11695', found('2306.11695', 'A Simple and Effective Pruning Approach for Large Language Models')],
        ['2305.11627', found('2305.11627', 'LLM-Pruner: On the Structural Pruning of Large Language Models')]
      ])
    }
    const table = [
      '<table>',
      '<tr><th>Title</th><th>Paper</th></tr>',
      '<tr><td>SpecInfer: Accelerating Generative LLM Serving with Speculative Inference</td><td><a href="https://arxiv.org/abs/2305.11627">PDF</a></td></tr>',
      '</table>'
    ].join('\n')
    expect(findings(table, ['arxiv-title-mismatch'], evidence)).toEqual([
      expect.stringMatching(/^arxiv-title-mismatch 3:\d+ Unexpected arXiv id `2305.11627` for "SpecInfer/)
    ])
  })
})

const PARAGRAPHS = [
  '## Long context',
  '',
  '**Efficient Streaming Language Models with Attention Sinks** \\',
  '*Guangxuan Xiao, Yuandong Tian, Beidi Chen* \\',
  'arXiv 2023. [[Paper](https://arxiv.org/abs/2309.17453)] [[Code](https://github.com/mit-han-lab/streaming-llm)]',
  '',
  '🌟 **LongLoRA: Efficient Fine-tuning of Long-Context Large Language Models**  ',
  '*Yukang Chen, Shengju Qian*  ',
  'ICLR 2024. [[Paper](https://arxiv.org/abs/2309.12307)]',
  '',
  'Thanks to **everyone** for [contributions](https://github.com/a/b).',
  '',
  '**Note**: see [this page](https://example.com/note) \\',
  'for more.',
  '',
  '**Ring Attention with Blockwise Transformers for Near-Infinite Context**',
  '- Paper: https://arxiv.org/abs/2310.01889',
  '- Code: [link](https://github.com/lhao499/ring-attention)',
  ''
].join('\n')

describe('paragraph entries', () => {
  test('should make each hard-break paragraph an entry with title, authors and links', () => {
    const document = extractDocument('README.md', PARAGRAPHS)
    expect(entriesOf(document)).toEqual([
      'paragraph 3-5 [bold] Efficient Streaming Language Models with Attention Sinks by Guangxuan Xiao; Yuandong Tian; Beidi Chen',
      'paragraph 7-9 [bold] LongLoRA: Efficient Fine-tuning of Long-Context Large Language Models by Yukang Chen; Shengju Qian',
      'paragraph 16-18 [bold] Ring Attention with Blockwise Transformers for Near-Infinite Context'
    ])
    const [streaming, longlora, ring] = document.entries
    expect(linksOf(document, streaming.links)).toEqual([
      '5:22-5:54 paper https://arxiv.org/abs/2309.17453',
      '5:65-5:109 code https://github.com/mit-han-lab/streaming-llm'
    ])
    expect(linksOf(document, longlora.links)).toEqual(['9:21-9:53 paper https://arxiv.org/abs/2309.12307'])
    // The labelled bullets belong to the bold title before them
    expect(linksOf(document, ring.links)).toEqual([
      '17:10-17:42 paper https://arxiv.org/abs/2310.01889',
      '18:16-18:57 code https://github.com/lhao499/ring-attention'
    ])
    // The title span is the bold text itself
    const span = streaming.titleSpan
    expect(span && document.source.slice(span.start.offset, span.end.offset)).toBe(streaming.title)
    expect(streaming.section).toEqual(['Long context'])
  })

  test('should keep numbered and bulleted bold-title entries, with their bold titles', () => {
    const markdown = [
      '1. **"YaRN: Efficient Context Window Extension of Large Language Models"**. *Bowen Peng*. ICLR 2024. [[Paper](https://arxiv.org/abs/2309.00071)]',
      '2. **LongRoPE: Extending LLM Context Window Beyond 2 Million Tokens** [[arXiv 2024](https://arxiv.org/abs/2402.13753)] [[Code](https://github.com/microsoft/LongRoPE)]',
      '',
      '- 🌟 **A Survey on Multimodal Large Language Models**  ',
      'NSR 2024, [Paper](https://arxiv.org/pdf/2306.13549.pdf), [Project](https://github.com/BradyFU/Awesome-Multimodal-Large-Language-Models)',
      '- **LLaMA**: Open and Efficient Foundation Language Models [[Paper](https://arxiv.org/abs/2302.13971)]',
      '- **Bold item with labelled sub-bullets**',
      '  - Paper: https://arxiv.org/abs/2310.00001',
      '  - Code: https://github.com/a/c',
      '- **[2026.05.27]**',
      '  - Paper: [Periodic RoPE for Infinite Context LLMs](https://arxiv.org/abs/2605.27980)'
    ].join('\n')
    const document = extractDocument('README.md', markdown)
    expect(entriesOf(document)).toEqual([
      'list-item 1-1 [bold] YaRN: Efficient Context Window Extension of Large Language Models',
      'list-item 2-2 [bold] LongRoPE: Extending LLM Context Window Beyond 2 Million Tokens',
      'list-item 4-5 [bold] A Survey on Multimodal Large Language Models',
      // A bold name followed by more title is no bold title
      'list-item 6-6 [inferred] LLaMA: Open and Efficient Foundation Language Models [Paper]',
      'list-item 7-9 [bold] Bold item with labelled sub-bullets',
      'list-item 11-11 [link-text] Periodic RoPE for Infinite Context LLMs'
    ])
    expect(linksOf(document, document.entries[4].links)).toEqual([
      '8:12-8:44 paper https://arxiv.org/abs/2310.00001',
      '9:11-9:33 code https://github.com/a/c'
    ])
  })

  test('should fire duplicate-entry, entry-arxiv-conflict and arXiv rules on paragraph entries', () => {
    const markdown = [
      '## Long context',
      '',
      '**Efficient Streaming Language Models with Attention Sinks** \\',
      '*Guangxuan Xiao* \\',
      'arXiv 2023. [[Paper](https://arxiv.org/abs/2309.17453)] [[PDF](https://arxiv.org/pdf/2309.12307)]',
      '',
      '**Efficient streaming language models with attention sinks** \\',
      'ICLR 2024. [[Code](https://github.com/mit-han-lab/streaming-llm)] [[Paper](https://arxiv.org/abs/2309.1745)]',
      ''
    ].join('\n')
    expect(findings(markdown, ['duplicate-entry', 'entry-arxiv-conflict', 'arxiv-id-malformed'])).toEqual([
      'entry-arxiv-conflict 5:64 Unexpected arXiv id `2309.12307` in an entry that links `2309.17453`, expected one paper per entry',
      'duplicate-entry 7:3 Unexpected second entry `Efficient streaming language models with attention sinks` in this section, expected each paper once (first listed on line 3)',
      'arxiv-id-malformed 8:98 Unexpected arXiv id `2309.1745`: ids from 2015 on have five digits after the dot, not 4'
    ])
    const evidence = {
      arxiv: new Map([
        ['2309.17453', found('2309.17453', 'LongLoRA: Efficient Fine-tuning of Long-Context Large Language Models')]
      ])
    }
    const single =
      '**Efficient Streaming Language Models with Attention Sinks** \\\n[[Paper](https://arxiv.org/abs/2309.17453)]\n'
    expect(findings(single, ['arxiv-title-mismatch'], evidence)).toEqual([
      expect.stringMatching(/^arxiv-title-mismatch 2:\d+ Unexpected arXiv id `2309.17453` for "Efficient Streaming/)
    ])
  })

  test('should not make prose paragraphs entries', () => {
    const markdown = [
      'Thanks to **everyone** for [contributions](https://github.com/a/b).',
      '',
      '**Note**: see [this page](https://example.com/note) \\',
      'for more.',
      '',
      '**Contents**',
      '- [Papers](#papers)',
      '- [Tools](#tools)'
    ].join('\n')
    const document = extractDocument('README.md', markdown)
    expect(document.entries).toEqual([])
    expect(document.links).toHaveLength(4)
  })
})
