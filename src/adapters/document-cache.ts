/**
 * The extraction cache [eslint `--cache`]: the Document extracted from each
 * file, keyed by the file's path and the SHA-256 of its text, so a re-run over
 * an unchanged list skips parsing (on large lists the parse is most of a warm
 * run's time). One entry per file (the latest text); entries of another
 * paperlint version or extraction format are ignored. A missing, corrupt or
 * unwritable file is a warning at most, never a failure.
 */
import {createHash} from 'node:crypto'
import {readFile} from 'node:fs/promises'
import type {Document} from '../types.js'
import {writeFileAtomic} from './fs.js'
import {errorMessage} from '../text.js'

/** Bump when the Document shape or the extraction changes. */
export const EXTRACTION_FORMAT = 4

/** The cache as `lint` uses it. */
export interface DocumentCache {
  /** The cached Document of this exact text, or undefined. */
  get(file: string, text: string): Document | undefined
  /** Remember the Document extracted from `text`. */
  set(file: string, text: string, document: Document): void
  /** Write the file when something changed (`writeFileAtomic`). */
  save(): Promise<void>
}

interface Stored {
  sha256: string
  /** The Document without `source` (the text is on disk already). */
  document: Omit<Document, 'source'>
}

interface CacheFile {
  format: number
  version: string
  files: Record<string, Stored>
}

/**
 * The extraction cache file that goes with a results cache file:
 * `.paperlint-cache.json` -> `.paperlint-cache.documents.json`.
 *
 * @param resultsCacheFile path of the results cache
 * @returns path of the extraction cache
 */
export function documentCachePath(resultsCacheFile: string): string {
  return resultsCacheFile.replace(/(\.json)?$/i, '.documents.json')
}

/**
 * Open the extraction cache.
 *
 * @param file its path
 * @param version paperlint's version (entries of other versions are ignored)
 * @param warn receives one-line warnings
 * @returns the cache
 */
export async function loadDocumentCache(
  file: string,
  version: string,
  warn: (line: string) => void
): Promise<DocumentCache> {
  let stored: Record<string, Stored> = {}
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as Partial<CacheFile>
    if (data.format === EXTRACTION_FORMAT && data.version === version && isRecord(data.files)) {
      stored = data.files as Record<string, Stored>
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'ENOENT') warn(`Ignoring the extraction cache \`${file}\`: ${errorMessage(error)}`)
  }
  let changed = false
  return {
    get(name, text) {
      const entry = stored[name]
      if (!entry || entry.sha256 !== sha256(text) || !isRecord(entry.document)) return undefined
      const source = entry.document.bom ? text.slice(1) : text
      return {...entry.document, source} as Document
    },
    set(name, text, document) {
      const {source: _source, ...rest} = document
      stored[name] = {sha256: sha256(text), document: rest}
      changed = true
    },
    async save() {
      if (!changed) return
      const content: CacheFile = {format: EXTRACTION_FORMAT, version, files: stored}
      try {
        await writeFileAtomic(file, JSON.stringify(content))
        changed = false
      } catch (error) {
        warn(`Could not save the extraction cache \`${file}\`: ${errorMessage(error)}`)
      }
    }
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
