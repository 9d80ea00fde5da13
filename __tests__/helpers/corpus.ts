/**
 * The shared corpus (real awesome lists, read in place) for robustness
 * suites, extracted once per test run.
 *
 * Extracting every list takes about 15 s of CPU; three suites need the
 * documents. They are extracted once into a cache file in the OS temp
 * folder, keyed by the content of the corpus, of `src/` and of the lock
 * file, so a run with unchanged sources reads them in half a second. Vitest's
 * global setup (`global-setup.mjs`) starts the extraction in a background
 * process as the run begins; a suite that needs the documents waits for it,
 * or extracts them itself when it runs alone.
 *
 * `PAPERLINT_CORPUS` overrides the corpus folder (default
 * `../shared/corpus` beside the checkout); an empty value disables it.
 */
import {createHash} from 'node:crypto'
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import {open, readdir, readFile, rename, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import {extractDocument} from '../../src/extract/document.js'
import type {Document} from '../../src/types.js'

/** The corpus folder (default: `../shared/corpus` from the repository root). */
export const CORPUS = process.env.PAPERLINT_CORPUS ?? path.resolve(process.cwd(), '../shared/corpus')

/** Whether the corpus folder exists (and is not disabled). */
export const corpusPresent = CORPUS !== '' && existsSync(CORPUS)

/** Bump when the cache format changes. */
const FORMAT = 'paperlint-corpus-1'

/** Stands for `undefined` in the cache file (JSON would drop the key). */
const UNDEFINED = '\u0000undefined'

/**
 * Say, visibly, why a corpus suite is skipped; the returned function is
 * `describe`, skipped when the corpus is absent.
 *
 * @param suite What is skipped, e.g. `'corpus extraction test'`.
 * @returns `describe`, or `describe` skipping its tests when the corpus is absent.
 */
export function describeCorpus(suite: string): ReturnType<typeof describe.skipIf> {
  if (!corpusPresent) {
    console.warn(
      `${suite} skipped: ${CORPUS || 'PAPERLINT_CORPUS=""'} is absent (the shared folder is not beside this checkout)`
    )
  }
  return describe.skipIf(!corpusPresent)
}

/**
 * The corpus lists: Markdown files (not `SOURCES.md`) under the corpus,
 * relative to it, sorted; empty when the corpus is absent.
 *
 * @param under A subfolder of the corpus (default: all of it).
 * @returns Relative paths such as `owner__repo/README.md`.
 */
export function corpusFiles(under = ''): string[] {
  if (!corpusPresent) return []
  const walk = (directory: string): string[] =>
    readdirSync(path.join(CORPUS, directory))
      .sort()
      .flatMap((name) => {
        const relative = path.join(directory, name)
        if (statSync(path.join(CORPUS, relative)).isDirectory()) return walk(relative)
        return name.endsWith('.md') && name !== 'SOURCES.md' ? [relative] : []
      })
  return walk(under)
}

/**
 * The text of a corpus list.
 *
 * @param file A path from {@link corpusFiles}.
 * @returns The file's text.
 */
export function corpusText(file: string): string {
  return readFileSync(path.join(CORPUS, file), 'utf8')
}

/** Every file under `directory`, relative to it, sorted (for the cache key). */
function allFiles(directory: string, relative = ''): string[] {
  return readdirSync(path.join(directory, relative))
    .sort()
    .flatMap((name) => {
      const child = path.join(relative, name)
      return statSync(path.join(directory, child)).isDirectory() ? allFiles(directory, child) : [child]
    })
}

/**
 * The cache file for the current corpus and sources: its name holds a hash
 * of the checkout's path (one cache per checkout; older ones are removed)
 * and a hash of the corpus, `src/` and `package-lock.json`.
 *
 * @param root The repository root (default: the working directory).
 * @returns The cache file's path.
 */
export function corpusCachePath(root = process.cwd()): string {
  const hash = createHash('sha256').update(FORMAT)
  const add = (base: string, file: string) => {
    hash.update(`\0${file}\0`)
    hash.update(readFileSync(path.join(base, file)))
  }
  for (const file of corpusFiles()) add(CORPUS, file)
  for (const file of allFiles(path.join(root, 'src'))) add(path.join(root, 'src'), file)
  add(root, 'package-lock.json')
  const checkout = createHash('sha256').update(path.resolve(root)).digest('hex').slice(0, 12)
  return path.join(tmpdir(), `paperlint-corpus-${checkout}-${hash.digest('hex').slice(0, 24)}.json`)
}

/** Whether a process with this id is alive. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Extract the corpus and write the cache file, unless it exists or another
 * live process is writing it (a lock file beside it holds that process' id).
 *
 * @param cache The path from {@link corpusCachePath}.
 * @param onLocked Called once this process holds the lock, before extracting.
 * @returns `'cached'`, `'busy'` (another process extracts) or `'written'`.
 */
export async function writeCorpusCache(
  cache: string,
  onLocked: () => void = () => {}
): Promise<'cached' | 'busy' | 'written'> {
  if (existsSync(cache)) return 'cached'
  const lock = `${cache}.lock`
  let handle
  try {
    handle = await open(lock, 'wx')
  } catch {
    const holder = Number(await readFile(lock, 'utf8').catch(() => ''))
    if (holder > 0 && alive(holder)) return 'busy'
    // Left by a process that died: take it over
    await rm(lock, {force: true})
    handle = await open(lock, 'wx')
  }
  try {
    await handle.writeFile(String(process.pid))
    await handle.close()
    onLocked()
    const documents = corpusFiles().map((file) => extractDocument(file, corpusText(file)))
    const json = JSON.stringify(documents, (_key, value: unknown) => (value === undefined ? UNDEFINED : value))
    const partial = `${cache}.${process.pid}.tmp`
    await writeFile(partial, json)
    await rename(partial, cache)
    // One cache per checkout: remove the ones of earlier sources
    const prefix = path.basename(cache).split('-').slice(0, 3).join('-') + '-'
    for (const name of await readdir(path.dirname(cache))) {
      if (name.startsWith(prefix) && name.endsWith('.json') && name !== path.basename(cache)) {
        await rm(path.join(path.dirname(cache), name), {force: true})
      }
    }
    return 'written'
  } finally {
    await rm(lock, {force: true})
  }
}

/** Put back the `undefined` values the cache file spells as {@link UNDEFINED}. */
function restoreUndefined(value: unknown): void {
  if (value === null || typeof value !== 'object') return
  const record = value as Record<string, unknown>
  for (const key of Object.keys(record)) {
    if (record[key] === UNDEFINED) record[key] = undefined
    else restoreUndefined(record[key])
  }
}

/** The documents this process read (a worker runs several suites). */
let loaded: Promise<Map<string, Document>> | undefined

/**
 * The corpus extracted (`extractDocument` on every list, named by its path
 * relative to the corpus), from the cache file: waits while another process
 * writes it, or extracts and writes it. Empty when the corpus is absent.
 * Read once per process (35 MB of JSON, a second to parse): the suites of a
 * worker share the documents and must not change them.
 *
 * @returns The documents, by file, in {@link corpusFiles} order.
 */
export function corpusDocuments(): Promise<Map<string, Document>> {
  loaded ??= readCorpusDocuments()
  return loaded
}

/** {@link corpusDocuments}, read from the cache file. */
async function readCorpusDocuments(): Promise<Map<string, Document>> {
  if (!corpusPresent) return new Map()
  const cache = corpusCachePath()
  while ((await writeCorpusCache(cache)) === 'busy') await sleep(250)
  let text: string
  try {
    text = await readFile(cache, 'utf8')
  } catch {
    // Replaced by a newer run of this checkout meanwhile: extract again
    return readCorpusDocuments()
  }
  const documents = JSON.parse(text) as Document[]
  restoreUndefined(documents)
  return new Map(documents.map((document) => [document.file, document]))
}
