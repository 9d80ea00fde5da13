/**
 * Author names as lists write them against the paper's authors from the
 * arXiv API, compared by normalized surname. Pure.
 *
 * Lists abbreviate: "et al.", the first author only, initials ("J. Smith",
 * "Smith J.", "J.N.Han"), accents dropped ("Boza" for "Boža"), nicknames in
 * parentheses or quotes ("Yingyan (Celine)Lin", `Hai "Helen" Li`), CJK names
 * in either order ("Zhang Wei" for "Wei Zhang"), a trailing "and". Two names
 * are the same person when the surname of one (its last word, or a part of
 * a hyphenated last word) is a word of the other, in either direction. That
 * is deliberately loose: a loose match can only hide a mismatch, never
 * invent one. Names written in CJK characters (`张伟`) or other non-Latin
 * scripts, and names of initials only, cannot be compared and are never
 * reported.
 */
import type {Span} from '../types.js'

/** One author name, parsed for comparison. */
export interface ParsedName {
  /** The name as written. */
  raw: string
  /** Normalized words (accents dropped, lower case); a hyphenated word also gives its parts. */
  words: string[]
  /** Surname candidates: the last word, and its parts when hyphenated. */
  surnames: string[]
  /** Whether the name can be compared (Latin script, at least one full word). */
  comparable: boolean
}

/** Letters NFKD does not decompose. */
const FOLDED: Readonly<Record<string, string>> = {
  ß: 'ss',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  þ: 'th'
}

/** Scripts a name may be written in that a Latin transliteration cannot be matched with. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u

/** Generational suffixes, not surnames. */
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv'])

/**
 * Fold a text for comparison: compatibility forms and diacritics (NFKD),
 * letters NFKD keeps (`ß`, `ø`, `ł`), case.
 *
 * @param text any text
 * @returns the folded text
 */
export function foldName(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßøłđðæœıþ]/g, (letter) => FOLDED[letter] ?? letter)
}

/**
 * Parse one author name as written in a list or by the arXiv API.
 *
 * @param raw the name (`J. Smith`, `Smith J.`, `Yingyan (Celine)Lin`)
 * @returns its words, surname candidates and whether it can be compared
 */
export function parseName(raw: string): ParsedName {
  const cleaned = raw
    .replace(/\bet\.?\s*al\b\.?/gi, ' ')
    // nicknames and affiliations: `(Celine)`, `"Helen"`, `@Bud Ecosystem`
    .replace(/\([^)]*\)|\[[^\]]*\]|"[^"]*"|“[^”]*”|@.*$/g, ' ')
    .replace(/^\s*and\s+|\s+and\s*$/gi, ' ')
  if (CJK.test(cleaned)) return {raw, words: [], surnames: [], comparable: false}
  const tokens = foldName(cleaned)
    // footnote marks, digits, punctuation; dots separate initials (`J.N.Han`)
    .replace(/[’'`]/g, '')
    .split(/[^\p{L}-]+/u)
    .map((token) => token.replace(/^-+|-+$/g, ''))
    .filter((token) => token !== '')
  const full = tokens.filter((token) => {
    const parts = token.split('-').filter(Boolean)
    return parts.some((part) => part.length > 1) && !SUFFIXES.has(token)
  })
  const latin = full.every((token) => /^[a-z-]+$/.test(token))
  if (full.length === 0 || !latin) {
    return {raw, words: [], surnames: [], comparable: false}
  }
  const words = [...new Set(full.flatMap(expandHyphens))]
  const surnames = expandHyphens(full[full.length - 1])
  return {raw, words, surnames, comparable: true}
}

/** `ragan-kelley` -> `ragankelley`, `ragan`, `kelley`. */
function expandHyphens(word: string): string[] {
  const parts = word.split('-').filter((part) => part.length > 1)
  const joined = word.replace(/-/g, '')
  return [...new Set([joined, ...(parts.length > 1 ? parts : [])])]
}

/**
 * Whether two parsed names may be the same person: the surname of one is a
 * word of the other (so word order, initials, middle names and a dropped
 * second surname do not count).
 *
 * @param a a comparable name
 * @param b another comparable name
 * @returns whether they match (false when either cannot be compared)
 */
export function namesMatch(a: ParsedName, b: ParsedName): boolean {
  if (!a.comparable || !b.comparable) return false
  return (
    a.surnames.some((surname) => b.words.includes(surname)) || b.surnames.some((surname) => a.words.includes(surname))
  )
}

/**
 * Rejoin names that a comma split into surname and initials
 * (`Smith, J., Doe, A.` -> `Smith J.`, `Doe A.`).
 *
 * @param names names split on commas
 * @returns the names, initials-only parts joined to the name before
 */
export function joinInitials(names: readonly string[]): string[] {
  const result: string[] = []
  for (const name of names) {
    const initialsOnly = /^\s*(?:\p{Lu}\.\s*-?\s*)+$|^\s*\p{Lu}\s*$/u.test(name)
    if (initialsOnly && result.length > 0) {
      result[result.length - 1] = `${result[result.length - 1]} ${name.trim()}`
    } else result.push(name)
  }
  return result
}

/**
 * How many of the paper's first authors the first listed author may be
 * (co-first authors are often listed in another order). Chosen on the
 * shared corpus, see `arxiv-authors-mismatch`.
 */
export const FIRST_AUTHOR_WINDOW = 3

/**
 * Share of the comparable listed names that must be missing from the
 * paper's authors before the list is reported ("most listed names are not
 * the paper's"). Chosen on the shared corpus, see `arxiv-authors-mismatch`.
 */
export const UNMATCHED_SHARE = 0.5

/** Least number of comparable listed names for the share to be judged. */
export const UNMATCHED_MIN_NAMES = 2

/** The outcome of comparing a listed author list with the paper's. */
export interface AuthorComparison {
  /** The listed names after rejoining initials. */
  listed: string[]
  /**
   * The first listed author when it is not among the paper's first
   * `FIRST_AUTHOR_WINDOW` authors (undefined when it is, or when that cannot
   * be told).
   */
  firstAuthor: {name: string; position: number | undefined} | undefined
  /** Comparable listed names that match none of the paper's authors. */
  unmatched: string[]
  /** How many listed names could be compared. */
  comparable: number
  /** Whether most listed names are not the paper's. */
  mostDiffer: boolean
}

/** Thresholds of `compareAuthors` (defaults: the exported constants). */
export interface CompareOptions {
  /** (default: `FIRST_AUTHOR_WINDOW`) */
  firstAuthorWindow?: number
  /** (default: `UNMATCHED_SHARE`) */
  unmatchedShare?: number
  /** (default: `UNMATCHED_MIN_NAMES`) */
  unmatchedMinNames?: number
}

/**
 * Compare the authors a list gives an entry with the paper's authors.
 *
 * @param listed the names as the entry lists them (`Entry.authors`)
 * @param paper the paper's authors (`ArxivRecord.authors`)
 * @param options thresholds
 * @returns what differs
 */
export function compareAuthors(
  listed: readonly string[],
  paper: readonly string[],
  options: CompareOptions = {}
): AuthorComparison {
  const window = options.firstAuthorWindow ?? FIRST_AUTHOR_WINDOW
  const share = options.unmatchedShare ?? UNMATCHED_SHARE
  const minNames = options.unmatchedMinNames ?? UNMATCHED_MIN_NAMES
  const names = joinInitials(listed)
    .map((name) => name.trim())
    .filter((name) => /\p{L}/u.test(name))
  const parsedListed = names.map(parseName)
  const parsedPaper = paper.map(parseName)
  const position = (name: ParsedName): number | undefined => {
    const index = parsedPaper.findIndex((author) => namesMatch(name, author))
    return index === -1 ? undefined : index
  }

  let firstAuthor: AuthorComparison['firstAuthor']
  const first = parsedListed[0]
  const head = parsedPaper.slice(0, window)
  // A name we cannot read among the first authors may be the listed one.
  if (first?.comparable && head.length > 0 && head.every((author) => author.comparable)) {
    const at = position(first)
    if (at === undefined || at >= window) firstAuthor = {name: first.raw, position: at}
  }

  const comparable = parsedListed.filter((name) => name.comparable)
  const unmatched = comparable.filter((name) => position(name) === undefined)
  // Each paper author we cannot read may be one of the unmatched names.
  const unreadable = parsedPaper.filter((author) => !author.comparable).length
  const missing = Math.max(0, unmatched.length - unreadable)
  const mostDiffer = comparable.length >= minNames && missing / comparable.length > share
  return {
    listed: names,
    firstAuthor,
    unmatched: unmatched.map((name) => name.raw),
    comparable: comparable.length,
    mostDiffer
  }
}

/** Where an entry's author text is, exactly. */
export interface AuthorsText {
  /** [start, end) offsets of the names in the source. */
  range: [number, number]
  /** The text there. */
  text: string
  /** Separator between names (`, ` or `; `), when the text uses one kind only. */
  separator: ', ' | '; ' | undefined
}

/**
 * Find the text of an entry's author names in a table cell, so that a fix
 * can replace it exactly: the `<br>`-separated segment of the cell (or the
 * whole cell) that splits into exactly the entry's authors and holds plain
 * text only (no Markdown or HTML markup, no "et al.", no ellipsis).
 *
 * @param source the document source
 * @param cell the cell's span
 * @param authors the entry's authors (`Entry.authors`)
 * @param split the splitter extraction used (`splitAuthors`)
 * @returns the range, or undefined when no segment qualifies
 */
export function findAuthorsText(
  source: string,
  cell: Span,
  authors: readonly string[],
  split: (text: string) => string[]
): AuthorsText | undefined {
  const raw = source.slice(cell.start.offset, cell.end.offset)
  const found: AuthorsText[] = []
  const segment = /<br\s*\/?>/gi
  let start = 0
  const bounds: Array<[number, number]> = []
  for (let match = segment.exec(raw); match; match = segment.exec(raw)) {
    bounds.push([start, match.index])
    start = match.index + match[0].length
  }
  bounds.push([start, raw.length])
  for (const [from, to] of bounds) {
    let text = raw.slice(from, to)
    let offset = from
    // The cell's own pipes belong to the table, not to the names
    const lead = /^[\s|]*/.exec(text)?.[0].length ?? 0
    const trail = /[\s|]*$/.exec(text.slice(lead))?.[0].length ?? 0
    offset += lead
    text = text.slice(lead, text.length - trail)
    if (!isPlainAuthorText(text)) continue
    const names = split(text)
    if (names.length !== authors.length || names.some((name, i) => name !== authors[i])) {
      continue
    }
    const start = cell.start.offset + offset
    found.push({range: [start, start + text.length], text, separator: separatorOf(text)})
  }
  return found.length === 1 ? found[0] : undefined
}

/** Letters, spaces, commas, semicolons, dots, hyphens and apostrophes only. */
function isPlainAuthorText(text: string): boolean {
  if (!/\p{L}/u.test(text)) return false
  if (/\bet\.?\s*al\b|\.\.\.|…/i.test(text)) return false
  return /^[\p{L}\p{M} ,;.'’-]+$/u.test(text)
}

function separatorOf(text: string): AuthorsText['separator'] {
  if (/\band\b|&/i.test(text)) return undefined
  const commas = text.includes(',')
  const semicolons = text.includes(';')
  if (commas && semicolons) return undefined
  return semicolons ? '; ' : ', '
}
