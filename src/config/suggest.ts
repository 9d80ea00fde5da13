/**
 * "Did you mean" suggestions for mistyped keys, rule ids and options.
 */

/**
 * The candidate closest to `input` by edit distance, when it is close enough
 * to be a likely typo or abbreviation: at most a third of the longer string's
 * length (minimum 1), or a prefix of at least 3 characters (`warn` ->
 * `warning`).
 * @param input What the user wrote.
 * @param candidates What is accepted.
 * @returns The closest candidate, or undefined.
 */
export function closestMatch(input: string, candidates: Iterable<string>): string | undefined {
  const needle = input.toLowerCase()
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of candidates) {
    const hay = candidate.toLowerCase()
    const longest = Math.max(needle.length, hay.length)
    const limit = Math.max(1, Math.floor(longest / 3))
    const isPrefix = Math.min(needle.length, hay.length) >= 3 && (hay.startsWith(needle) || needle.startsWith(hay))
    const distance = editDistance(needle, hay)
    if ((distance <= limit || isPrefix) && distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  return best
}

/**
 * Levenshtein distance between two strings.
 * @param a First string.
 * @param b Second string.
 * @returns The number of single-character edits from `a` to `b`.
 */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({length: b.length + 1}, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
    }
    previous = current
  }
  return previous[b.length]
}
