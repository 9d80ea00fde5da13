/**
 * arXiv identifiers: validation against both schemes and canonical form.
 * Rules from arXiv's identifier docs and arxiv-base's `Identifier` class
 * (API-NOTES A1): new scheme `YYMM.NNNN` (0704-1412) and `YYMM.NNNNN` (1501 on),
 * old scheme `archive[.SC]/YYMMNNN` (9107-0703).
 */

/** A valid id, split. */
export interface ArxivId {
  /** Canonical id without version (`2305.09781`, `math/0309136`). */
  id: string
  version: number | undefined
}

export type ArxivIdResult = {ok: true; value: ArxivId} | {ok: false; reason: string}

const NEW_ID = /^(\d{2})(\d{2})\.(\d+)(?:v(\d+))?$/
const OLD_ID = /^([a-z]+(?:-[a-z]+)?)(?:\.([a-z]{2}))?\/(\d{2})(\d{2})(\d+)(?:v(\d+))?$/i

/** Whether a string looks like an attempt at an arXiv id at all. */
export function looksLikeArxivId(value: string): boolean {
  return /^\d{4}\.\d/.test(value) || /^[a-z-]+(\.[a-z]{2})?\/\d/i.test(value)
}

/**
 * Validate an arXiv id (without `arXiv:` prefix or `.pdf` suffix).
 *
 * @param raw id as written, e.g. `2305.09781v2` or `hep-th/9901001`
 * @returns the canonical id and version, or why it is malformed (one clause,
 *   for "Unexpected arXiv id `x`: <reason>")
 */
export function parseArxivId(raw: string): ArxivIdResult {
  const value = raw.trim()
  const modern = NEW_ID.exec(value)
  if (modern) {
    const [, yy, mm, num, version] = modern
    const yymm = Number(yy + mm)
    const month = Number(mm)
    if (month < 1 || month > 12) {
      return {ok: false, reason: `\`${mm}\` is not a month`}
    }
    if (yymm < 704) {
      return {
        ok: false,
        reason: 'ids of the form YYMM.NNNNN start in April 2007 (0704)'
      }
    }
    const digits = num.length
    if (yymm <= 1412 && digits !== 4) {
      return {
        ok: false,
        reason: `ids up to 1412 have four digits after the dot, not ${digits}`
      }
    }
    if (yymm >= 1501 && digits !== 5) {
      return {
        ok: false,
        reason: `ids from 2015 on have five digits after the dot, not ${digits}`
      }
    }
    if (Number(num) === 0) {
      return {ok: false, reason: 'the number after the dot cannot be zero'}
    }
    const versionResult = checkVersion(version)
    if (!versionResult.ok) return versionResult
    return {
      ok: true,
      value: {id: `${yy}${mm}.${num}`, version: versionResult.version}
    }
  }

  const old = OLD_ID.exec(value)
  if (old) {
    const [, archive, , yy, mm, num, version] = old
    const month = Number(mm)
    const year = Number(yy) < 91 ? 2000 + Number(yy) : 1900 + Number(yy)
    if (month < 1 || month > 12) {
      return {ok: false, reason: `\`${mm}\` is not a month`}
    }
    if (year > 2007 || (year === 2007 && month > 3)) {
      return {
        ok: false,
        reason: 'old-style ids (archive/YYMMNNN) end in March 2007'
      }
    }
    if (num.length !== 3) {
      return {
        ok: false,
        reason: `old-style ids have seven digits after the slash, not ${num.length + 4}`
      }
    }
    if (Number(num) === 0) {
      return {ok: false, reason: 'the last three digits cannot all be zero'}
    }
    const versionResult = checkVersion(version)
    if (!versionResult.ok) return versionResult
    return {
      ok: true,
      value: {
        id: `${archive.toLowerCase()}/${yy}${mm}${num}`,
        version: versionResult.version
      }
    }
  }

  return {
    ok: false,
    reason: 'it fits neither `YYMM.NNNNN` nor `archive/YYMMNNN`'
  }
}

function checkVersion(
  version: string | undefined
): {ok: true; version: number | undefined} | {ok: false; reason: string} {
  if (version === undefined) return {ok: true, version: undefined}
  const number = Number(version)
  if (number < 1 || /^0/.test(version)) {
    return {ok: false, reason: 'versions start at `v1`'}
  }
  return {ok: true, version: number}
}
