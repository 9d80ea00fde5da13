/**
 * The file-system edge: expanding patterns, reading list files safely (binary,
 * invalid UTF-8, directories and oversized files are input errors, never
 * crashes), checking relative targets, and writing fixes atomically.
 */
import {constants} from 'node:fs'
import {access, open, readFile, rename, stat, unlink, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {glob, isDynamicPattern} from 'tinyglobby'

/** A file that cannot be linted, with a one-line reason. */
export interface InputError {
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
 * does not exist (reading it reports the error); a glob that matches nothing
 * is an input error.
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
): Promise<{files: string[]; errors: InputError[]}> {
  const files: string[] = []
  const errors: InputError[] = []
  const seen = new Set<string>()
  const ignored = ignore.length > 0 ? new Set(await glob([...ignore], {cwd, dot: true})) : new Set<string>()
  for (const pattern of patterns) {
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
 * Read a Markdown file as UTF-8 text, refusing what is not a text list.
 *
 * @param file path relative to cwd
 * @param cwd working directory
 * @param maxBytes largest file accepted
 * @returns the text, or a one-line error
 */
export async function readSourceFile(
  file: string,
  cwd: string,
  maxBytes: number
): Promise<{ok: true; value: SourceFile} | {ok: false; error: InputError}> {
  const absolute = path.resolve(cwd, file)
  const fail = (message: string) => ({ok: false as const, error: {file, message}})
  let info
  try {
    info = await stat(absolute)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return fail('no such file')
    if (code === 'EACCES') return fail('permission denied')
    return fail(`cannot read: ${code ?? String(error)}`)
  }
  if (info.isDirectory()) return fail('is a directory, not a Markdown file (use a glob such as `dir/**/*.md`)')
  if (!info.isFile()) return fail('is not a regular file')
  if (info.size > maxBytes) {
    return fail(`is ${formatBytes(info.size)}, larger than the ${formatBytes(maxBytes)} limit`)
  }
  let buffer: Buffer
  try {
    buffer = await readFile(absolute)
  } catch (error) {
    return fail(`cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
  }
  if (buffer.subarray(0, 8192).includes(0)) return fail('is a binary file, not Markdown')
  let text: string
  try {
    text = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true}).decode(buffer)
  } catch {
    return fail('is not valid UTF-8 text')
  }
  return {ok: true, value: {file, text, size: info.size, mtimeMs: info.mtimeMs}}
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${bytes} bytes`
}

/**
 * Which of the given absolute paths exist (files or directories).
 *
 * @param paths absolute paths
 * @returns path -> exists
 */
export async function checkPaths(paths: Iterable<string>): Promise<Map<string, boolean>> {
  const result = new Map<string, boolean>()
  await Promise.all(
    [...new Set(paths)].map(async (target) => {
      try {
        await access(target, constants.F_OK)
        result.set(target, true)
      } catch {
        result.set(target, false)
      }
    })
  )
  return result
}

/**
 * Replace a file's content atomically (temp file in the same folder, same
 * mode, then rename), refusing when the file changed since it was read.
 *
 * @param absolute the file
 * @param expected the bytes read before fixing (the file must still hold them)
 * @param content the new text
 */
export async function writeFileAtomic(
  absolute: string,
  expected: Buffer,
  content: string
): Promise<void> {
  const current = await readFile(absolute)
  if (!current.equals(expected)) {
    throw new Error(`${absolute} changed while paperlint was running; not fixed`)
  }
  const info = await stat(absolute)
  const temporary = path.join(
    path.dirname(absolute),
    `.${path.basename(absolute)}.paperlint-${process.pid}-${Date.now()}.tmp`
  )
  try {
    const handle = await open(temporary, 'wx', info.mode & 0o7777)
    try {
      await handle.writeFile(content, 'utf8')
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temporary, absolute)
  } catch (error) {
    await unlink(temporary).catch(() => undefined)
    throw error
  }
}

/** Read a whole file as bytes (for the --fix change check). */
export async function readBytes(absolute: string): Promise<Buffer> {
  return readFile(absolute)
}

/** Write a text file (reports via --output). */
export async function writeText(absolute: string, content: string): Promise<void> {
  await writeFile(absolute, content, 'utf8')
}

/**
 * The repository root: the nearest folder at or above `cwd` holding `.git`,
 * else `cwd`.
 *
 * @param cwd the working directory
 * @returns an absolute path
 */
export async function findRoot(cwd: string): Promise<string> {
  let current = path.resolve(cwd)
  for (;;) {
    try {
      await access(path.join(current, '.git'))
      return current
    } catch {
      const parent = path.dirname(current)
      if (parent === current) return path.resolve(cwd)
      current = parent
    }
  }
}
