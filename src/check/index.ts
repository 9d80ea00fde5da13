/**
 * The rule registry: an explicit array (a test asserts that every file in
 * `rules/` is registered and documented). Order is the README's order.
 */
import type {Rule} from './rule.js'
import {rule as arxivIdMalformed} from './rules/arxiv-id-malformed.js'
import {rule as entryArxivConflict} from './rules/entry-arxiv-conflict.js'
import {rule as duplicateEntry} from './rules/duplicate-entry.js'
import {rule as crossListedEntry} from './rules/cross-listed-entry.js'
import {rule as duplicateLink} from './rules/duplicate-link.js'
import {rule as linkMalformed} from './rules/link-malformed.js'
import {rule as linkBroken} from './rules/link-broken.js'
import {rule as linkRedirected} from './rules/link-redirected.js'
import {rule as linkUnverified} from './rules/link-unverified.js'
import {rule as imageBroken} from './rules/image-broken.js'
import {rule as imageNotImage} from './rules/image-not-image.js'

/** Every rule paperlint knows, offline rules first. */
export const RULES: readonly Rule[] = [
  arxivIdMalformed,
  entryArxivConflict,
  duplicateEntry,
  crossListedEntry,
  duplicateLink,
  linkMalformed,
  linkBroken,
  linkRedirected,
  linkUnverified,
  imageBroken,
  imageNotImage
]

/** Rules by id. */
export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(
  RULES.map((rule) => [rule.id, rule])
)
