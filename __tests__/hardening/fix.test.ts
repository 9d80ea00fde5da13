/**
 * `--fix` loses nothing: it rewrites a file atomically (temporary file in the
 * same folder, same mode, rename), changes only the bytes it fixes (line
 * endings, BOM, trailing spaces and tabs kept), is idempotent, and refuses a
 * file that changed since it was read.
 */
import {
  chmod,
  lstat,
  mkdtemp,
  readdir,
  readFile,
  realpath,
  rm,
  stat,
  symlink,
  utimes,
  writeFile
} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {writeFileAtomic} from '../../src/adapters/fs.js'
import {lint} from '../../src/lint.js'
import type {Resolver} from '../../src/types.js'

const BLOB = 'https://github.com/o/r/blob/main/fig.png'
const RAW = 'https://github.com/o/r/raw/main/fig.png'

let directory: string

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'paperlint-fix-'))
})

afterEach(async () => {
  await rm(directory, {recursive: true, force: true})
})

/** A list with a BOM, mixed line endings, trailing spaces and tabs, and two fixable images. */
function list(url: string): string {
  return (
    '\ufeff# List  \r\n\r\n' +
    `| Title | Figure |\r\n|---|---|\r\n| A\t | ![a](${url}) |   \n` +
    `| B | <img src="${url}?x=1#f"> |\t\r\n` +
    '\n- trailing \\\n- [keep](https://github.com/o/r/blob/main/code.py)   \r\n'
  )
}

describe('--fix through lint', () => {
  test('should change only the fixed bytes, keep the mode, and be idempotent', async () => {
    const file = path.join(directory, 'README.md')
    const before = list(BLOB)
    await writeFile(file, before)
    // A mode the umask would change, to see that it is set exactly
    await chmod(file, 0o666)
    const inode = (await stat(file)).ino

    const first = await lint({files: ['README.md'], cwd: directory, offline: true, fix: true})
    expect(first.fixed).toEqual([{file: 'README.md', applied: 2}])
    expect(await readFile(file, 'utf8')).toBe(before.split(BLOB).join(RAW))
    const after = await stat(file)
    expect(after.mode & 0o777).toBe(0o666)
    // Renamed into place: a new inode, and no temporary file left behind
    expect(after.ino).not.toBe(inode)
    expect(await readdir(directory)).toEqual(['README.md'])
    // Fixed findings leave the report
    expect(first.report.findings.filter((finding) => finding.rule === 'image-blob-url')).toEqual([])

    const second = await lint({files: ['README.md'], cwd: directory, offline: true, fix: true})
    expect(second.fixed).toEqual([])
    expect((await stat(file)).ino).toBe(after.ino)
    expect(await readFile(file, 'utf8')).toBe(before.split(BLOB).join(RAW))
  })

  test('should refuse to write a file that changed after it was read', async () => {
    const file = path.join(directory, 'README.md')
    await writeFile(file, list(BLOB))
    const edited = list(BLOB) + '- [new](https://example.org/) added by the maintainer meanwhile\n'
    // The network phase runs between reading and fixing: edit the file then
    const resolve: Resolver = async () => {
      await writeFile(file, edited)
      return {evidence: {}, requests: {}, notices: [], networkDown: false}
    }
    await expect(lint({files: ['README.md'], cwd: directory, fix: true, resolve})).rejects.toThrow(
      /README\.md changed while paperlint was running; not fixed$/
    )
    expect(await readFile(file, 'utf8')).toBe(edited)
    expect(await readdir(directory)).toEqual(['README.md'])
  })

  test('should rewrite the file a symbolic link names and keep the link', async () => {
    const file = path.join(directory, 'real.md')
    await writeFile(file, list(BLOB))
    await symlink('real.md', path.join(directory, 'README.md'))
    const result = await lint({files: ['README.md'], cwd: directory, offline: true, fix: true})
    expect(result.fixed).toEqual([{file: 'README.md', applied: 2}])
    expect((await lstat(path.join(directory, 'README.md'))).isSymbolicLink()).toBe(true)
    expect(await readFile(file, 'utf8')).toBe(list(BLOB).split(BLOB).join(RAW))
  })
})

describe('writeFileAtomic', () => {
  test('should replace the content when the file still holds what was read', async () => {
    const file = path.join(directory, 'a.md')
    await writeFile(file, 'old\r\n')
    await chmod(file, 0o640)
    await writeFileAtomic(file, 'new\r\n', {expected: Buffer.from('old\r\n')})
    expect(await readFile(file, 'utf8')).toBe('new\r\n')
    expect((await stat(file)).mode & 0o777).toBe(0o640)
    expect(await readdir(directory)).toEqual(['a.md'])
  })

  test('should refuse, and leave file and folder as they are, when the bytes differ', async () => {
    const file = path.join(directory, 'a.md')
    await writeFile(file, 'changed\n')
    await expect(writeFileAtomic(file, 'new\n', {expected: Buffer.from('old\n')})).rejects.toThrow(
      `${await realpath(file)} changed while paperlint was running; not fixed`
    )
    expect(await readFile(file, 'utf8')).toBe('changed\n')
    expect(await readdir(directory)).toEqual(['a.md'])
  })

  test('should see a change of one byte, even with the same size and time', async () => {
    const file = path.join(directory, 'a.md')
    await writeFile(file, 'abc\n')
    const {mtime} = await stat(file)
    await writeFile(file, 'abd\n')
    await utimes(file, mtime, mtime)
    await expect(writeFileAtomic(file, 'xyz\n', {expected: Buffer.from('abc\n')})).rejects.toThrow(/changed/)
  })

  test('should create the file and its folder without a change check (caches, history)', async () => {
    const file = path.join(directory, 'cache', 'deep', 'results.json')
    await writeFileAtomic(file, '{}\n')
    await writeFileAtomic(file, '{"a":1}\n')
    expect(await readFile(file, 'utf8')).toBe('{"a":1}\n')
    expect(await readdir(path.dirname(file))).toEqual(['results.json'])
  })

  test('should replace a symbolic link at the path, not write through it, without a change check', async () => {
    const outside = await mkdtemp(path.join(tmpdir(), 'paperlint-outside-'))
    const victim = path.join(outside, 'victim.txt')
    await writeFile(victim, 'keep\n')
    const file = path.join(directory, 'cache.json')
    await symlink(victim, file)
    await writeFileAtomic(file, '{}\n')
    expect(await readFile(victim, 'utf8')).toBe('keep\n')
    expect((await lstat(file)).isSymbolicLink()).toBe(false)
    expect(await readFile(file, 'utf8')).toBe('{}\n')
    await rm(outside, {recursive: true, force: true})
  })
})
