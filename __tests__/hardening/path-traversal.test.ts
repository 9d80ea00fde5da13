/**
 * Relative links and input files never reach outside the repository: a
 * pull request may link `../../../../etc/passwd`, add a symbolic link to
 * `/etc`, or add `list.md` as a link to a secret. Each such link is reported
 * (relative-path-missing), and nothing outside is read or even probed: an
 * outside file that exists gets the same answer as one that does not.
 */
import {mkdir, mkdtemp, rm, symlink, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {checkPaths, readSourceFile} from '../../src/adapters/fs.js'
import {resolveRelative} from '../../src/paths.js'
import {lint} from '../../src/lint.js'

let outer: string
let root: string
const SECRET = 'SECRET-0c1f2e'

beforeAll(async () => {
  // outer/secret.md and outer/dir/ exist beside the repository outer/repo
  outer = await mkdtemp(path.join(tmpdir(), 'paperlint-traversal-'))
  root = path.join(outer, 'repo')
  await mkdir(path.join(outer, 'dir'), {recursive: true})
  await writeFile(path.join(outer, 'secret.md'), `- [leak](https://${SECRET}.example.org/)\n`)
  await writeFile(path.join(outer, 'dir', 'file.png'), 'png')
  await mkdir(path.join(root, 'docs'), {recursive: true})
  await writeFile(path.join(root, 'docs', 'inside.md'), '# Inside\n')
  await symlink(path.join(outer, 'dir'), path.join(root, 'docs', 'out'))
  await symlink(path.join(outer, 'secret.md'), path.join(root, 'leak.md'))
  await symlink(path.join(root, 'docs', 'inside.md'), path.join(root, 'docs', 'alias.md'))
})

afterAll(async () => {
  await rm(outer, {recursive: true, force: true})
})

describe('relative links', () => {
  test('should report every way out of the repository, and find what is inside', async () => {
    const depth = path.relative('/', root).split(path.sep).length
    const markdown = [
      '# List',
      '',
      '- [Up](../secret.md)',
      `- [Root](${'../'.repeat(depth + 3)}etc/passwd)`,
      '- [Absolute](/etc/passwd)',
      '- [Scheme](file:///etc/passwd)',
      '- [Encoded](..%2fsecret.md)',
      '- ![Through a link](docs/out/file.png)',
      '- [Inside](docs/inside.md) [Alias](docs/alias.md) [Folder](docs/)'
    ].join('\n')
    await writeFile(path.join(root, 'README.md'), markdown)
    const result = await lint({files: ['README.md'], cwd: root, offline: true})
    expect(result.inputErrors).toEqual([])
    const findings = result.report.findings.map(
      (finding) => `${finding.line} ${finding.rule} ${finding.severity}: ${finding.message}`
    )
    expect(findings).toEqual([
      '3 relative-path-missing error: Unexpected path `../secret.md` outside the repository, expected a path inside it (or a full URL)',
      `4 relative-path-missing error: Unexpected path \`${'../'.repeat(depth + 3)}etc/passwd\` outside the repository, expected a path inside it (or a full URL)`,
      // GitHub reads a leading slash from the repository root
      '5 relative-path-missing error: Unexpected missing file `/etc/passwd`: no such file or folder in the repository',
      // Another scheme: never looked up, reported as a link no reader can open
      "6 link-malformed error: Unexpected local file URL `file:///etc/passwd`: it names a file on the author's computer, expected a web URL or a path relative to the list",
      '7 relative-path-missing error: Unexpected path `../secret.md` outside the repository, expected a path inside it (or a full URL)',
      // Inside by its name, outside by its real path: missing, like any other
      '8 relative-path-missing error: Unexpected missing file `docs/out/file.png`: no such file or folder in the repository'
    ])
  })

  test('should resolve lexically and keep outside paths out of the lookups', () => {
    expect(resolveRelative('README.md', '../../../../etc/passwd', root)).toEqual({
      absolute: '/etc/passwd',
      inside: false
    })
    expect(resolveRelative('README.md', '/etc/passwd', root)).toEqual({
      absolute: path.join(root, 'etc/passwd'),
      inside: true
    })
    expect(resolveRelative('docs/inside.md', '../../x', root).inside).toBe(false)
    // A name starting with two dots is no way out
    expect(resolveRelative('README.md', '..notes.md', root)).toEqual({
      absolute: path.join(root, '..notes.md'),
      inside: true
    })
    expect(resolveRelative('docs/inside.md', '..', root)).toEqual({absolute: root, inside: true})
    expect(resolveRelative('README.md', '..', root).inside).toBe(false)
  })

  test('should answer an existing outside target and a missing one alike', async () => {
    const through = path.join(root, 'docs', 'out', 'file.png')
    const missing = path.join(root, 'docs', 'out', 'nothing.png')
    const answers = await checkPaths([through, missing, path.join(root, 'docs', 'alias.md')], root)
    expect(Object.fromEntries(answers)).toEqual({
      [through]: false,
      [missing]: false,
      [path.join(root, 'docs', 'alias.md')]: true
    })
  })
})

describe('input files', () => {
  test('should refuse a list file that is a symbolic link out of the repository, unread', async () => {
    const result = await lint({files: ['leak.md', 'docs/alias.md'], cwd: root, offline: true})
    expect(result.inputErrors).toEqual([
      {file: 'leak.md', message: 'is a symbolic link to a file outside the repository; not read'}
    ])
    expect(result.documents.map((document) => document.file)).toEqual(['docs/alias.md'])
    expect(JSON.stringify(result)).not.toContain(SECRET)
  })

  test('should refuse it from a glob too', async () => {
    const result = await lint({files: ['*.md'], cwd: root, offline: true})
    expect(result.inputErrors.map((error) => error.file)).toEqual(['leak.md'])
    expect(JSON.stringify(result.report)).not.toContain(SECRET)
  })

  test('should read a file named outside the root on purpose', async () => {
    const read = await readSourceFile('../secret.md', root, 1024, root)
    expect(read.ok).toBe(true)
  })
})
