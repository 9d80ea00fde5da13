/**
 * The results cache: a readable JSON file that makes re-runs cheap
 * [lychee `cache.rs`]. Only answers worth trusting are kept, each for a time
 * that depends on its outcome class; `unverified` and `skipped` results are
 * never stored (a rate limit today says nothing about tomorrow).
 *
 * File format: `{"version": 1, "entries": {"<key>": {"resolution": …,
 * "at": <ms since epoch>}}}`. Keys are namespaced by the caller (`url:…`,
 * `arxiv:…`, `repo:…`). The pure core (`serializeCache`, `deserializeCache`,
 * `isFresh`) is separate from the file adapter (`loadCache`, `save`).
 */
import {readFile} from 'node:fs/promises'
import {writeFileAtomic} from '../adapters/fs.js'
import type {Resolution} from '../types.js'
import {errorMessage} from '../text.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** How long each outcome class stays fresh; absent classes are not stored. */
export const CACHE_TTL_MS: Readonly<Partial<Record<Resolution<unknown>['state'], number>>> = {
  found: 7 * DAY,
  moved: 7 * DAY,
  missing: 12 * HOUR
}

/** One stored result. */
export interface CacheEntry {
  resolution: Resolution<unknown>
  /** When it was resolved, in ms since the epoch. */
  at: number
  /**
   * Its own time to live in ms, set by the resolver (default: its outcome
   * class's `CACHE_TTL_MS`): a versioned arXiv figure never changes (90
   * days), a robots.txt is read again after a day (RFC 9309 §2.4).
   */
  ttl?: number
}

/** The cache file's content. */
export interface CacheFile {
  version: 1
  entries: Record<string, CacheEntry>
}

/**
 * Whether an entry is still fresh.
 *
 * @param entry the stored entry
 * @param now the current time in ms
 * @returns true when its outcome class is cacheable and its TTL has not passed
 */
export function isFresh(entry: CacheEntry, now: number): boolean {
  const classTtl = CACHE_TTL_MS[entry.resolution.state]
  const ttl = classTtl === undefined ? undefined : (entry.ttl ?? classTtl)
  return ttl !== undefined && entry.at <= now && now - entry.at < ttl
}

/**
 * Whether a resolution may be stored at all.
 *
 * @param resolution a resolution
 * @returns false for `unverified` and `skipped`
 */
export function isCacheable(resolution: Resolution<unknown>): boolean {
  return CACHE_TTL_MS[resolution.state] !== undefined
}

/**
 * Render fresh entries as the cache file's JSON (keys sorted, so the file is
 * stable and diffable).
 *
 * @param entries entries by key
 * @param now the current time in ms (expired entries are dropped)
 * @returns the file text
 */
export function serializeCache(entries: ReadonlyMap<string, CacheEntry>, now: number): string {
  const file: CacheFile = {version: 1, entries: {}}
  for (const key of [...entries.keys()].sort()) {
    const entry = entries.get(key)
    if (entry && isFresh(entry, now)) file.entries[key] = entry
  }
  return JSON.stringify(file, null, 2) + '\n'
}

/**
 * Parse the cache file's text, keeping fresh, well-formed entries.
 *
 * @param text the file text
 * @param now the current time in ms
 * @returns the entries, or an error message when the file is not a cache
 */
export function deserializeCache(text: string, now: number): {entries: Map<string, CacheEntry>} | {error: string} {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    return {error: `not JSON (${errorMessage(error)})`}
  }
  if (!isObject(data) || data.version !== 1 || !isObject(data.entries)) {
    return {error: 'expected `{"version": 1, "entries": {…}}`'}
  }
  const entries = new Map<string, CacheEntry>()
  for (const [key, value] of Object.entries(data.entries)) {
    if (!isEntry(value)) continue
    if (isFresh(value, now)) entries.set(key, value)
  }
  return {entries}
}

/** The cache as the resolvers use it. */
export interface ResultCache {
  /** A fresh result, or undefined. */
  get<T>(key: string): Resolution<T> | undefined
  /**
   * Store a result (ignored for `unverified` and `skipped`), fresh for its
   * outcome class's time or for `ttlMs` when given.
   */
  set<T>(key: string, resolution: Resolution<T>, ttlMs?: number): void
  /** Write the file atomically (`writeFileAtomic`); failures warn. */
  save(): Promise<void>
  /** Number of fresh entries. */
  readonly size: number
}

/**
 * Open the cache file. A missing file is an empty cache; a corrupt or
 * unreadable one is reported through `warn` and ignored (the next `save`
 * replaces it), never a crash; so is a failure to save.
 *
 * @param file path of the cache file
 * @param now clock in ms (default: `Date.now`)
 * @param warn receives one-line warnings (default: ignore)
 * @returns the cache
 */
export async function loadCache(
  file: string,
  now: () => number = Date.now,
  warn: (message: string) => void = () => {}
): Promise<ResultCache> {
  let entries = new Map<string, CacheEntry>()
  let text: string | undefined
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'ENOENT') {
      warn(`Ignoring the results cache \`${file}\`: ${errorMessage(error)}`)
    }
  }
  if (text !== undefined) {
    const parsed = deserializeCache(text, now())
    if ('error' in parsed) {
      warn(`Ignoring the results cache \`${file}\`: ${parsed.error}`)
    } else entries = parsed.entries
  }
  return createResultCache(entries, now, async (content) => {
    try {
      await writeFileAtomic(file, content)
    } catch (error) {
      warn(`Could not save the results cache \`${file}\`: ${errorMessage(error)}`)
    }
  })
}

/**
 * A cache over in-memory entries (the pure part of `loadCache`).
 *
 * @param entries initial entries (taken over)
 * @param now clock in ms
 * @param write persists the serialized file
 * @returns the cache
 */
export function createResultCache(
  entries: Map<string, CacheEntry>,
  now: () => number,
  write: (content: string) => Promise<void>
): ResultCache {
  return {
    get<T>(key: string) {
      const entry = entries.get(key)
      if (!entry) return undefined
      if (!isFresh(entry, now())) {
        entries.delete(key)
        return undefined
      }
      return entry.resolution as Resolution<T>
    },
    set<T>(key: string, resolution: Resolution<T>, ttlMs?: number) {
      if (!isCacheable(resolution)) {
        // A fresh failure must not keep serving an old success.
        entries.delete(key)
        return
      }
      entries.set(key, {resolution, at: now(), ...(ttlMs === undefined ? {} : {ttl: ttlMs})})
    },
    async save() {
      await write(serializeCache(entries, now()))
    },
    get size() {
      return entries.size
    }
  }
}

const STATES = new Set(['found', 'missing', 'moved', 'unverified', 'skipped'])

function isEntry(value: unknown): value is CacheEntry {
  return (
    isObject(value) &&
    typeof value.at === 'number' &&
    (value.ttl === undefined || (typeof value.ttl === 'number' && value.ttl >= 0)) &&
    isObject(value.resolution) &&
    typeof value.resolution.state === 'string' &&
    STATES.has(value.resolution.state)
  )
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Duck-typed: fs errors may come from another realm (Jest VM modules). */
