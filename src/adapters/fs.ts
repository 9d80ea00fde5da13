/**
 * The file-system edge: expanding patterns, reading list files safely (binary,
 * invalid UTF-8, directories and oversized files are input errors, never
 * crashes), checking relative targets, and writing fixes atomically.
 */
import {constants} from 'node:fs'
import {randomBytes} from 'node:crypto'
import {access, mkdir, open, readFile, realpath, rename, rm, stat} from 'node:fs/promises'
import path from 'node:path'
import {escapePath, glob, isDynamicPattern} from 'tinyglobby'
import {isInside} from '../paths.js'

/**
 * A file that cannot be linted (unreadable, binary, too large, a glob that
 * matches nothing), with a one-line reason. Not an exception: the run goes on
 * with the other files and exits 2.
 */
export interface FileProblem {
  file: string
  message: string
}

/** A file read as text. */
export interface SourceFile {
  file: string
  text: string
  /** Size and modification time when read (for --fix's change check). */
  size: number
  mtimeMs: number
}

/**
 * Expand files and globs relative to `cwd`. A plain path is kept even when it
 * does not exist (reading it reports the error); a folder means the Markdown
 * files under it (`.md`, `.markdown`; `node_modules` and `.git` skipped), and
 * one holding none is an input error, as is a glob that matches nothing. `-`
 * (standard input) is kept as is.
 *
 * @param patterns paths or globs as given
 * @param cwd the working directory
 * @param ignore globs of files to skip (configuration `ignore.files`)
 * @returns files (relative to cwd, forward slashes, in order, deduplicated) and errors
 */
export async function expandPatterns(
  patterns: readonly string[],
  cwd: string,
  ignore: readonly string[] = []
): Promise<{files: string[]; errors: FileProblem[]}> {
  const files: string[] = []
  const errors: FileProblem[] = []
  const seen = new Set<string>()
  const ignored = ignore.length > 0 ? new Set(await glob([...ignore], {cwd, dot: true})) : new Set<string>()
  for (const pattern of patterns) {
    if (pattern !== '-' && !isDynamicPattern(pattern) && (await isDirectory(path.resolve(cwd, pattern)))) {
      const folder = pattern.split(path.sep).join('/').replace(/\/+$/, '')
      const matches = (
        await glob([`${escapePath(folder)}/**/*.{md,markdown}`], {
          cwd,
          dot: false,
          ignore: ['**/node_modules/**', '**/.git/**', ...ignore]
        })
      ).sort()
      if (matches.length === 0) {
        errors.push({file: pattern, message: `is a folder without Markdown files (\`.md\`, \`.markdown\`)`})
      }
      for (const match of matches) {
        if (!seen.has(match)) {
          seen.add(match)
          files.push(match)
        }
      }
      continue
    }
    if (!isDynamicPattern(pattern)) {
      const normalized = pattern.split(path.sep).join('/')
      if (!seen.has(normalized) && !ignored.has(normalized.replace(/^\.\//, ''))) {
        seen.add(normalized)
        files.push(normalized)
      }
      continue
    }
    const matches = (
      await glob([pattern], {cwd, dot: false, ignore: ['**/node_modules/**', '**/.git/**', ...ignore]})
    ).sort()
    if (matches.length === 0) {
      errors.push({file: pattern, message: `no files match the pattern \`${pattern}\``})
    }
    for (const match of matches) {
      if (!seen.has(match)) {
        seen.add(match)
        files.push(match)
      }
    }
  }
  return {files, errors}
}

/**
 * Read a Markdown file as UTF-8 text, refusing what is not a text list. The
 * size limit is checked on the open file and the read stops one byte past
 * it, so an oversized file (or one growing while read) is never loaded
 * whole. With `root`, a file inside the root whose real path (symbolic links
 * resolved) lies outside it is refused unread: a pull request may add
 * `list.md` as a link to a secret on the runner.
 *
 * @param file path relative to cwd
 * @param cwd working directory
 * @param maxBytes largest file accepted
 * @param root the repository root files must stay in (default: no check)
 * @returns the text, or a one-line error
 */
export async function readSourceFile(
  file: string,
  cwd: string,
  maxBytes: number,
  root?: string
): Promise<{ok: true; value: SourceFile} | {ok: false; error: FileProblem}> {
  const absolute = path.resolve(cwd, file)
  const fail = (message: string) => ({ok: false as const, error: {file, message}})
  const failCode = (error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return fail('no such file')
    if (code === 'EACCES') return fail('permission denied')
    if (code === 'EISDIR') return fail(DIRECTORY)
    return fail(`cannot read: ${code ?? String(error)}`)
  }
  // A file named outside the root on purpose is the user's choice; one that
  // only leaves it through a symbolic link is not.
  if (root !== undefined && isInside(absolute, path.resolve(root))) {
    let real: string
    try {
      real = await realpath(absolute)
    } catch (error) {
      return failCode(error)
    }
    if (!(await isReallyInside(real, root))) {
      return fail('is a symbolic link to a file outside the repository; not read')
    }
  }
  let handle
  try {
    handle = await open(absolute, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  } catch (error) {
    return failCode(error)
  }
  try {
    const info = await handle.stat()
    if (info.isDirectory()) return fail(DIRECTORY)
    if (!info.isFile()) return fail('is not a regular file')
    if (info.size > maxBytes) {
      return fail(`is ${formatBytes(info.size)}, larger than the ${formatBytes(maxBytes)} limit`)
    }
    // Read up to one byte more than allowed, whatever stat said: a file that
    // grows while read (or a /proc file of size 0) is refused, never loaded
    // whole.
    const chunks: Buffer[] = []
    let length = 0
    while (length <= maxBytes) {
      const chunk = Buffer.alloc(Math.min(READ_CHUNK, maxBytes + 1 - length))
      const {bytesRead} = await handle.read(chunk, 0, chunk.length, length)
      if (bytesRead === 0) break
      chunks.push(chunk.subarray(0, bytesRead))
      length += bytesRead
    }
    if (length > maxBytes) {
      return fail(`is larger than the ${formatBytes(maxBytes)} limit`)
    }
    const bytes = Buffer.concat(chunks, length)
    if (bytes.subarray(0, 8192).includes(0)) return fail('is a binary file, not Markdown')
    let text: string
    try {
      text = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true}).decode(bytes)
    } catch {
      return fail('is not valid UTF-8 text')
    }
    return {ok: true, value: {file, text, size: length, mtimeMs: info.mtimeMs}}
  } catch (error) {
    return failCode(error)
  } finally {
    await handle.close()
  }
}

async function isDirectory(absolute: string): Promise<boolean> {
  try {
    return (await stat(absolute)).isDirectory()
  } catch {
    return false
  }
}

/** Bytes read at a time (the size check comes first, so most files take one read). */
const READ_CHUNK = 1024 * 1024

const DIRECTORY = 'is a directory, not a Markdown file (use a glob such as `dir/**/*.md`)'

/**
 * Whether a real path lies inside a root (the root's own real path, so that
 * a root reached through a symbolic link such as macOS `/tmp` compares).
 */
async function isReallyInside(real: string, root: string): Promise<boolean> {
  let realRoot: string
  try {
    realRoot = await realpath(root)
  } catch {
    realRoot = path.resolve(root)
  }
  return isInside(real, realRoot)
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${bytes} bytes`
}

/**
 * Which of the given absolute paths exist (files or folders). With `root`, a
 * path whose real path (symbolic links resolved) leaves the root counts as
 * missing: a link in the repository pointing at `/etc` must not tell whether
 * `/etc/shadow` exists. Nothing is ever read.
 *
 * @param paths absolute paths
 * @param root the repository root (default: no containment check)
 * @returns path -> exists
 */
export async function checkPaths(paths: Iterable<string>, root?: string): Promise<Map<string, boolean>> {
  const result = new Map<string, boolean>()
  await Promise.all(
    [...new Set(paths)].map(async (target) => {
      try {
        if (root === undefined) {
          await access(target, constants.F_OK)
          result.set(target, true)
        } else {
          result.set(target, await isReallyInside(await realpath(target), root))
        }
      } catch {
        result.set(target, false)
      }
    })
  )
  return result
}

/** How `writeFileAtomic` replaces a file. */
export interface AtomicWriteOptions {
  /**
   * The bytes the file held when it was read (--fix): the file must exist and
   * still hold them, else nothing is written; a symbolic link is followed (the
   * file it names is rewritten, the link kept) and the file's mode kept
   * (default: unset: the file and its folder are created or replaced, and a
   * symbolic link at the path is replaced, never followed).
   */
  expected?: Buffer
}

/**
 * The one atomic write of paperlint (--fix, the results and extraction
 * caches, the action's scan history): the content goes to a temporary file in
 * the same folder, is flushed to disk, then renamed over the file, so a crash
 * or a parallel reader never sees half a file. The temporary file is removed
 * on failure.
 *
 * @param file the file to write
 * @param content the new text (UTF-8)
 * @param options the change check of --fix
 * @throws when the file cannot be written or (with `expected`) changed since it was read
 */
export async function writeFileAtomic(file: string, content: string, options: AtomicWriteOptions = {}): Promise<void> {
  const {expected} = options
  let target = path.resolve(file)
  let mode = 0o666
  if (expected === undefined) {
    await mkdir(path.dirname(target), {recursive: true})
  } else {
    // Through a symbolic link (inside the repository: readSourceFile refuses
    // others), the file it names is rewritten and the link kept.
    target = await realpath(file)
    await assertUnchanged(target, expected)
    mode = (await stat(target)).mode & 0o7777
  }
  const temporary = path.join(
    path.dirname(target),
    `.${path.basename(target)}.paperlint-${process.pid}-${randomBytes(6).toString('hex')}.tmp`
  )
  try {
    const handle = await open(temporary, 'wx', mode)
    try {
      // `open` applies the umask: a kept mode is set exactly (0o664 stays 0o664)
      if (expected !== undefined) await handle.chmod(mode)
      await handle.writeFile(content, 'utf8')
      await handle.sync()
    } finally {
      await handle.close()
    }
    // Checked again just before the swap, to keep the window small
    if (expected !== undefined) await assertUnchanged(target, expected)
    await rename(temporary, target)
  } catch (error) {
    await rm(temporary, {force: true})
    throw error
  }
}

/** Throw when the file no longer holds the bytes read before fixing. */
async function assertUnchanged(file: string, expected: Buffer): Promise<void> {
  if (!(await readFile(file)).equals(expected)) {
    throw new Error(`${file} changed while paperlint was running; not fixed`)
  }
}

/**
 * The repository root: the nearest folder at or above `cwd` holding `.git`,
 * else `cwd`.
 *
 * @param cwd the working directory
 * @returns an absolute path
 */
export async function findRoot(cwd: string): Promise<string> {
  return (await findGitRoot(cwd)) ?? path.resolve(cwd)
}

/**
 * The nearest folder at or above `start` holding `.git` (a folder, or the
 * file of a submodule or worktree).
 *
 * @param start a folder
 * @returns an absolute path, or undefined outside any repository
 */
export async function findGitRoot(start: string): Promise<string | undefined> {
  let current = path.resolve(start)
  for (;;) {
    try {
      await access(path.join(current, '.git'))
      return current
    } catch {
      const parent = path.dirname(current)
      if (parent === current) return undefined
      current = parent
    }
  }
}
