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
import {rule as tableExtraCells} from './rules/table-extra-cells.js'
import {rule as badgeRepoMismatch} from './rules/badge-repo-mismatch.js'
import {rule as anchorMissing} from './rules/anchor-missing.js'
import {rule as relativePathMissing} from './rules/relative-path-missing.js'
import {rule as linkEmpty} from './rules/link-empty.js'
import {rule as imageBlobUrl} from './rules/image-blob-url.js'
import {rule as linkBroken} from './rules/link-broken.js'
import {rule as linkRedirected} from './rules/link-redirected.js'
import {rule as linkUnverified} from './rules/link-unverified.js'
import {rule as imageBroken} from './rules/image-broken.js'
import {rule as imageNotImage} from './rules/image-not-image.js'
import {rule as arxivNotFound} from './rules/arxiv-not-found.js'
import {rule as arxivTitleMismatch} from './rules/arxiv-title-mismatch.js'
import {rule as arxivAuthorsMismatch} from './rules/arxiv-authors-mismatch.js'
import {rule as arxivWithdrawn} from './rules/arxiv-withdrawn.js'
import {rule as arxivVersionPinned} from './rules/arxiv-version-pinned.js'
import {rule as venueBadgeMismatch} from './rules/venue-badge-mismatch.js'
import {rule as titleOutdated} from './rules/title-outdated.js'
import {rule as githubRepoNotFound} from './rules/github-repo-not-found.js'
import {rule as githubRepoMoved} from './rules/github-repo-moved.js'
import {rule as githubRepoArchived} from './rules/github-repo-archived.js'
import {rule as githubPathNotFound} from './rules/github-path-not-found.js'

/** Every rule paperlint knows, offline rules first. */
export const RULES: readonly Rule[] = [
  arxivIdMalformed,
  entryArxivConflict,
  duplicateEntry,
  crossListedEntry,
  duplicateLink,
  linkMalformed,
  tableExtraCells,
  badgeRepoMismatch,
  anchorMissing,
  relativePathMissing,
  linkEmpty,
  imageBlobUrl,
  linkBroken,
  linkRedirected,
  linkUnverified,
  imageBroken,
  imageNotImage,
  arxivNotFound,
  arxivTitleMismatch,
  arxivAuthorsMismatch,
  arxivWithdrawn,
  arxivVersionPinned,
  venueBadgeMismatch,
  titleOutdated,
  githubRepoNotFound,
  githubRepoMoved,
  githubRepoArchived,
  githubPathNotFound
]

/** Rules by id. */
export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((rule) => [rule.id, rule]))
