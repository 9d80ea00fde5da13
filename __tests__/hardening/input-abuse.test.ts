/**
 * Hostile input files: whatever a pull request adds, a run ends with
 * findings (exit 0/1) or one clear line per refused file (exit 2), never a
 * crash, a hang or unbounded memory.
 */
import {rm, truncate, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {readSourceFile} from '../../src/adapters/fs.js'
import {lint} from '../../src/lint.js'
import {runCli, tempRepo} from '../cli/cli-io.js'

const roots: string[] = []

async function repo(files: Record<string, string | Buffer>): Promise<string> {
  const root = await tempRepo(files)
  roots.push(root)
  return root
}

afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, {recursive: true, force: true})))
})

/** Run the CLI offline on one file; return the code and stderr lines. */
async function cliOn(content: string | Buffer, extra: string[] = []) {
  const cwd = await repo({'list.md': content})
  const run = await runCli(['--offline', '--format', 'json', ...extra, 'list.md'], cwd)
  const lines = run.stderr.split('\n').filter(Boolean)
  return {...run, lines}
}

function expectOneLine(lines: string[], pattern: RegExp): void {
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(pattern)
  expect(lines[0]).not.toMatch(/\bat .*\.(ts|js):\d+|Error:/)
}

describe('refused files: exit 2, one line', () => {
  test.each<[string, () => string | Buffer, RegExp]>([
    [
      'a binary file',
      () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      /^paperlint: list\.md: is a binary file, not Markdown$/
    ],
    [
      'invalid UTF-8',
      () =>
        Buffer.concat([
          Buffer.from('# List\n\n- [a](https://x.org/'),
          Buffer.from([0xc3, 0x28, 0xff]),
          Buffer.from(')\n')
        ]),
      /^paperlint: list\.md: is not valid UTF-8 text$/
    ],
    [
      'a UTF-16 file (NUL bytes)',
      () => Buffer.from('\ufeff# List\n', 'utf16le'),
      /^paperlint: list\.md: is a binary file, not Markdown$/
    ],
    [
      '10,000 nested block quotes',
      () => '>'.repeat(10_000) + ' [a](https://x.org/)\n',
      /^paperlint: list\.md: nests lists or block quotes 10000 levels deep at line 1, more than the 32 paperlint parses$/
    ],
    [
      '10,000 nested lists',
      () => '- '.repeat(10_000) + '[a](https://x.org/)\n',
      /^paperlint: list\.md: nests lists or block quotes 10000 levels deep at line 1, more than the 32 paperlint parses$/
    ],
    [
      'pathological emphasis (`*a **a ` × 50,000)',
      () => '*a **a '.repeat(50_000),
      /^paperlint: list\.md: leaves 150000 emphasis or bracket delimiters open in the paragraph or row at line 1, more than the 128 paperlint parses$/
    ]
  ])('%s', async (_name, make, pattern) => {
    const run = await cliOn(make())
    expect(run.code).toBe(2)
    expectOneLine(run.lines, pattern)
  })

  test('should lint the other files and still report them', async () => {
    const cwd = await repo({
      'good.md': '- [Gone](#missing)\n',
      'bad.md': '>'.repeat(10_000) + '\n'
    })
    const result = await lint({files: ['*.md'], cwd, offline: true})
    expect(result.inputErrors).toEqual([
      {
        file: 'bad.md',
        message: 'nests lists or block quotes 10000 levels deep at line 1, more than the 32 paperlint parses'
      }
    ])
    expect(result.report.findings.map((finding) => `${finding.file} ${finding.rule}`)).toEqual([
      'good.md anchor-missing'
    ])
  })
})

describe('the size limit', () => {
  test('should refuse a 100 MB file from its size, without reading it', async () => {
    const cwd = await repo({})
    const file = path.join(cwd, 'huge.md')
    // Sparse: instant to make, and mostly NUL bytes, so that a file read
    // whole would be refused as binary instead, with another message.
    await writeFile(file, '# Huge\n')
    await truncate(file, 100 * 1024 * 1024)
    const run = await runCli(['--offline', 'huge.md'], cwd)
    expect(run.code).toBe(2)
    expectOneLine(
      run.stderr.split('\n').filter(Boolean),
      /^paperlint: huge\.md: is 100\.0 MiB, larger than the 10\.0 MiB limit$/
    )
  })

  const linuxProc = process.platform === 'linux' ? test : test.skip
  linuxProc('should read past what stat says, up to the limit only (a /proc file has size 0)', async () => {
    const cwd = await repo({})
    const refused = await readSourceFile('/proc/self/status', cwd, 100)
    expect(refused).toEqual({
      ok: false,
      error: {file: '/proc/self/status', message: 'is larger than the 100 bytes limit'}
    })
    const read = await readSourceFile('/proc/self/status', cwd, 1024 * 1024)
    expect(read.ok && read.value.text).toMatch(/^Name:/)
  })

  test('should take a folder for its Markdown files, refuse one without, a non-file and a missing file', async () => {
    const cwd = await repo({'dir/x.md': '# x\n', 'empty/x.txt': 'x\n'})
    const result = await lint({files: ['dir', 'empty', 'missing.md', '/dev/null'], cwd, offline: true})
    expect(result.documents.map((document) => document.file)).toEqual(['dir/x.md'])
    expect(result.inputErrors.map((error) => `${error.file}: ${error.message}`)).toEqual([
      'empty: is a folder without Markdown files (`.md`, `.markdown`)',
      'missing.md: no such file',
      '/dev/null: is not a regular file'
    ])
  })
})

describe('text that is fine: findings, positions intact', () => {
  test('should keep positions with a BOM and CRLF line endings', async () => {
    const markdown = '\ufeff# List\r\n\r\n- [A](#nowhere)\r\n- [B](https://arxiv.org/abs/2401.1)\r\n'
    const cwd = await repo({'list.md': markdown})
    const result = await lint({files: ['list.md'], cwd, offline: true})
    expect(result.inputErrors).toEqual([])
    const [document] = result.documents
    expect(document.bom).toBe(true)
    for (const link of document.links) {
      expect(document.source.slice(link.span.start.offset, link.span.end.offset)).toBe(link.url)
    }
    expect(result.report.findings.map((finding) => `${finding.line}:${finding.column} ${finding.rule}`)).toEqual([
      '3:7 anchor-missing',
      // The id itself: `https://arxiv.org/abs/` is 22 columns
      '4:29 arxiv-id-malformed'
    ])
  })

  test('should report ragged rows, and survive HTML comments and unclosed tags', async () => {
    const markdown = [
      '# List',
      '',
      '<!-- an unclosed comment in a cell? no: a real one -->',
      '| Title | Code |',
      '|---|---|',
      '| [A](https://arxiv.org/abs/2401.00001) | [c](https://github.com/o/a) | extra | more |',
      '| [B](https://arxiv.org/abs/2401.00002) |',
      '| <img src="https://x.org/a.png" | <a href="https://x.org/b">unclosed |',
      '| [C](https://arxiv.org/abs/2401.00003) <!-- unclosed comment |',
      '',
      '<div><table><tr><td><a href="#nowhere">x',
      '',
      '<!-- never closed',
      '- [D](#also-nowhere)'
    ].join('\n')
    const cwd = await repo({'list.md': markdown})
    const result = await lint({files: ['list.md'], cwd, offline: true})
    expect(result.inputErrors).toEqual([])
    const findings = result.report.findings.map((finding) => `${finding.line}:${finding.column} ${finding.rule}`)
    expect(findings).toEqual(['6:73 table-extra-cells', '11:30 anchor-missing'])
    const [document] = result.documents
    for (const link of document.links) {
      expect(link.span.end.offset).toBeLessThanOrEqual(document.source.length)
    }
  })

  // 100,000 rows take some 50 s and 3.4 GB, nearly all in micromark (linear:
  // 10,000 take 5 s; `npm run fuzz -- --table 100000`); the suite checks 5,000.
  test('should lint a 5,000-row table', async () => {
    const rows = Array.from(
      {length: 5000},
      (_, index) => `| T${index} | [p](https://arxiv.org/abs/2301.${String(index).padStart(5, '0')}) |`
    )
    rows[4000] = rows[10]
    const markdown = '# Papers\n\n| Title | Paper |\n|---|---|\n' + rows.join('\n') + '\n'
    const cwd = await repo({'list.md': markdown})
    const result = await lint({files: ['list.md'], cwd, offline: true})
    expect(result.report.summary.entries).toBe(5000)
    expect(result.report.findings.filter((finding) => finding.rule === 'duplicate-entry')).toHaveLength(1)
  })
})
