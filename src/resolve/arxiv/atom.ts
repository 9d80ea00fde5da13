/**
 * Parse arXiv API Atom feeds into `ArxivRecord`s. Pure: no I/O.
 *
 * Reads both response shapes (API-NOTES A3):
 * - current (2025-11+): namespaces declared once on `<feed>`, single-line
 *   titles, `Z` dates, nonexistent ids simply omitted, malformed ids answered
 *   with HTTP 400 and an error feed;
 * - legacy: `xmlns` repeated on every element, hard-wrapped titles, `-04:00`
 *   dates, an empty `<entry>` (empty `primary_category`) per nonexistent id,
 *   and error entries in an HTTP 200 answer.
 */
import {XMLParser} from 'fast-xml-parser'
import type {ArxivRecord} from '../../types.js'

/** What one feed holds. */
export interface ArxivFeed {
  /** Papers, in feed order (not request order). */
  records: ArxivRecord[]
  /** Error entry summaries (`incorrect id format for X`). */
  errors: string[]
  /** `opensearch:totalResults` (inflated by empty entries in legacy feeds). */
  totalResults: number
}

type XmlNode = Record<string, unknown>

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // `arxiv:comment` -> `comment`, `opensearch:totalResults` -> `totalResults`;
  // per-element `xmlns` declarations (legacy shape) are dropped.
  removeNSPrefix: true,
  // Keep every value a string: a title such as `1984` must stay text.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ['entry', 'author', 'link', 'category'].includes(name)
})

const ERROR_ID = /^https?:\/\/arxiv\.org\/api\/errors/i
const ABS_ID = /arxiv\.org\/abs\/(.+?)(?:v(\d+))?$/i

/**
 * Parse an arXiv API Atom feed.
 *
 * @param xml The response body.
 * @returns Records, error messages and the reported total; throws on text
 *   that is not an Atom feed (callers treat that like an empty body).
 */
export function parseArxivFeed(xml: string): ArxivFeed {
  if (xml.trim() === '') throw new Error('Empty arXiv API response')
  const document = parser.parse(xml) as XmlNode
  const feed = document.feed as XmlNode | undefined
  if (!feed || typeof feed !== 'object') {
    throw new Error('Not an Atom feed')
  }
  const records: ArxivRecord[] = []
  const errors: string[] = []
  for (const entry of (feed.entry ?? []) as XmlNode[]) {
    const id = text(entry.id)
    if (ERROR_ID.test(id)) {
      errors.push(text(entry.summary) || id)
      continue
    }
    const record = entryToRecord(entry)
    if (record) records.push(record)
  }
  const total = Number.parseInt(text(feed.totalResults), 10)
  return {
    records,
    errors,
    totalResults: Number.isNaN(total) ? records.length : total
  }
}

/** One `<entry>` to a record; undefined for legacy empty entries. */
function entryToRecord(entry: XmlNode): ArxivRecord | undefined {
  const parsed = parseAbsUrl(text(entry.id))
  const title = normalizeSpace(text(entry.title))
  // Legacy empty entries (nonexistent ids) have no id and no title.
  if (!parsed || title === '') return undefined
  const primary = attribute(entry.primary_category, 'term')
  const categories = (entry.category ?? []) as unknown[]
  let version = parsed.version
  // Legacy feeds may give an unversioned `<id>`; the abs link has it.
  if (version === undefined) {
    for (const link of (entry.link ?? []) as unknown[]) {
      const fromLink = parseAbsUrl(attribute(link, 'href'))
      if (fromLink?.version !== undefined) version = fromLink.version
    }
  }
  return {
    id: parsed.id,
    version: version ?? 1,
    title,
    authors: ((entry.author ?? []) as XmlNode[])
      .map((author) => normalizeSpace(text(author.name)))
      .filter((name) => name !== ''),
    published: text(entry.published),
    updated: text(entry.updated),
    comment: optional(entry.comment),
    journalRef: optional(entry.journal_ref),
    doi: optional(entry.doi),
    primaryCategory: primary || attribute(categories[0], 'term') || undefined
  }
}

/** `http://arxiv.org/abs/2201.13452v1` -> `{id: '2201.13452', version: 1}`. */
function parseAbsUrl(url: string): {id: string; version: number | undefined} | undefined {
  const match = ABS_ID.exec(url.trim())
  if (!match) return undefined
  return {
    id: match[1],
    version: match[2] === undefined ? undefined : Number(match[2])
  }
}

/** Element text, whether the parser gave a string or `{'#text': ...}`. */
function text(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value)) return text(value[0])
  if (typeof value === 'object') return text((value as XmlNode)['#text'])
  return ''
}

function attribute(value: unknown, name: string): string {
  if (!value || typeof value !== 'object') return ''
  const result = (value as XmlNode)[`@_${name}`]
  return typeof result === 'string' ? result : ''
}

function optional(value: unknown): string | undefined {
  const result = normalizeSpace(text(value))
  return result === '' ? undefined : result
}

/** Collapse wrapped lines (legacy titles) [API-NOTES A4]. */
function normalizeSpace(value: string): string {
  return value.replace(/\s+/g, ' ').trim()
}
