/**
 * Venues and years named in free text: venue badges (`Conference-ICML'23`,
 * `CVPR-2023`, `Journal-TMLR 2025`), venue cells, and the journal reference
 * and comment of an arXiv record. Pure.
 *
 * A venue is recognised by its acronym (`NeurIPS`, `NIPS`, `ICML`) or its
 * full name (`Advances in Neural Information Processing Systems`,
 * `Proceedings of the 40th International Conference on Machine Learning`).
 * Acronyms that are also words (`ACL`, `DAC`, `MICRO`, `WWW`) count only in
 * upper case. Its year is written next to it (`ICML 2023`, `ICML'23`,
 * `ICML23`, `2023 Conference on Empirical Methods ...`), else it is the only
 * year of the text. Tracks (Findings, Workshop, Oral, Industry Track) are
 * not told apart: a workshop of a conference counts as that conference.
 */

/** One known venue. */
interface VenueDefinition {
  /** Canonical short name, as shown in messages. */
  name: string
  /** Acronyms (whole words; case-insensitive unless `caseSensitive`). */
  acronyms: string[]
  /** Full names (case-insensitive, any white space). */
  names: string[]
  /** Acronyms that are also English words or common substrings. */
  caseSensitive?: boolean
}

/** The venue table: conferences and journals that paper lists name. */
const VENUES: readonly VenueDefinition[] = [
  {name: 'NeurIPS', acronyms: ['NeurIPS', 'NIPS'], names: ['Neural Information Processing Systems']},
  {
    name: 'ICML',
    acronyms: ['ICML'],
    names: ['International Conference on Machine Learning(?! and Applications)']
  },
  {name: 'ICLR', acronyms: ['ICLR', 'ICLRW'], names: ['International Conference on Learning Representations']},
  {
    name: 'ACL',
    acronyms: ['ACL'],
    names: ['Annual Meeting of the Association for Computational Linguistics'],
    caseSensitive: true
  },
  {
    name: 'EMNLP',
    acronyms: ['EMNLP'],
    names: ['Empirical Methods in Natural Language Processing']
  },
  {
    name: 'NAACL',
    acronyms: ['NAACL', 'NAACL-HLT'],
    names: ['North American Chapter of the Association for Computational Linguistics']
  },
  {
    name: 'EACL',
    acronyms: ['EACL'],
    names: ['European Chapter of the Association for Computational Linguistics']
  },
  {
    name: 'TACL',
    acronyms: ['TACL'],
    names: ['Transactions of the Association for Computational Linguistics']
  },
  {
    name: 'COLING',
    acronyms: ['COLING'],
    names: ['International Conference on Computational Linguistics']
  },
  {name: 'COLM', acronyms: ['COLM'], names: ['Conference on Language Modeling']},
  {name: 'CVPR', acronyms: ['CVPR', 'CVPRW'], names: ['Computer Vision and Pattern Recognition']},
  {
    name: 'ICCV',
    acronyms: ['ICCV', 'ICCVW'],
    names: ['International Conference on Computer Vision(?! Systems)']
  },
  {name: 'ECCV', acronyms: ['ECCV', 'ECCVW'], names: ['European Conference on Computer Vision']},
  {name: 'WACV', acronyms: ['WACV'], names: ['Winter Conference on Applications of Computer Vision']},
  {name: 'AAAI', acronyms: ['AAAI'], names: ['AAAI Conference on Artificial Intelligence']},
  {name: 'IJCAI', acronyms: ['IJCAI'], names: ['International Joint Conference on Artificial Intelligence']},
  {
    name: 'AISTATS',
    acronyms: ['AISTATS'],
    names: ['International Conference on Artificial Intelligence and Statistics']
  },
  {
    name: 'UAI',
    acronyms: ['UAI'],
    names: ['Conference on Uncertainty in Artificial Intelligence'],
    caseSensitive: true
  },
  {name: 'COLT', acronyms: ['COLT'], names: ['Conference on Learning Theory'], caseSensitive: true},
  {name: 'CoRL', acronyms: ['CoRL'], names: ['Conference on Robot Learning']},
  {name: 'KDD', acronyms: ['KDD', 'SIGKDD'], names: ['Knowledge Discovery and Data Mining']},
  {name: 'SIGIR', acronyms: ['SIGIR'], names: ['Research and Development in Information Retrieval']},
  {
    name: 'WWW',
    acronyms: ['WWW(?!\\.)', 'TheWebConf'],
    names: ['The Web Conference', 'World Wide Web Conference'],
    caseSensitive: true
  },
  {name: 'CIKM', acronyms: ['CIKM'], names: ['Conference on Information and Knowledge Management']},
  {name: 'WSDM', acronyms: ['WSDM'], names: ['Web Search and Data Mining']},
  {name: 'MLSys', acronyms: ['MLSys'], names: ['Conference on Machine Learning and Systems']},
  {name: 'OSDI', acronyms: ['OSDI'], names: ['Operating Systems Design and Implementation']},
  {name: 'SOSP', acronyms: ['SOSP'], names: ['Symposium on Operating Systems Principles']},
  {name: 'NSDI', acronyms: ['NSDI'], names: ['Networked Systems Design and Implementation']},
  {name: 'EuroSys', acronyms: ['EuroSys'], names: []},
  {name: 'ATC', acronyms: ['USENIX ATC'], names: ['USENIX Annual Technical Conference']},
  {name: 'SIGCOMM', acronyms: ['SIGCOMM'], names: []},
  {name: 'SIGMOD', acronyms: ['SIGMOD'], names: []},
  {name: 'VLDB', acronyms: ['VLDB', 'PVLDB'], names: ['Very Large Data Bases', 'VLDB Endowment']},
  {
    name: 'ASPLOS',
    acronyms: ['ASPLOS'],
    names: ['Architectural Support for Programming Languages and Operating Systems']
  },
  {name: 'ISCA', acronyms: ['ISCA'], names: ['International Symposium on Computer Architecture']},
  {
    name: 'MICRO',
    acronyms: ['MICRO'],
    names: ['International Symposium on Microarchitecture'],
    caseSensitive: true
  },
  {name: 'HPCA', acronyms: ['HPCA'], names: ['High[- ]Performance Computer Architecture']},
  {name: 'PPoPP', acronyms: ['PPoPP'], names: ['Principles and Practice of Parallel Programming']},
  {
    name: 'ASP-DAC',
    acronyms: ['ASP-?DAC'],
    names: ['Asia and South Pacific Design Automation Conference']
  },
  {name: 'DAC', acronyms: ['DAC'], names: ['Design Automation Conference'], caseSensitive: true},
  {name: 'ICCAD', acronyms: ['ICCAD'], names: ['International Conference on Computer[- ]Aided Design']},
  {name: 'TMLR', acronyms: ['TMLR'], names: ['Transactions on Machine Learning Research']},
  {name: 'JMLR', acronyms: ['JMLR'], names: ['Journal of Machine Learning Research']},
  {
    name: 'TPAMI',
    acronyms: ['TPAMI', 'T-PAMI', 'PAMI'],
    names: ['Transactions on Pattern Analysis and Machine Intelligence']
  },
  {name: 'IJCV', acronyms: ['IJCV'], names: ['International Journal of Computer Vision']},
  {
    name: 'ICASSP',
    acronyms: ['ICASSP'],
    names: ['International Conference on Acoustics, Speech,? and Signal Processing']
  },
  {name: 'Interspeech', acronyms: ['Interspeech'], names: []},
  {name: 'ICRA', acronyms: ['ICRA'], names: ['International Conference on Robotics and Automation']},
  {name: 'IROS', acronyms: ['IROS'], names: ['International Conference on Intelligent Robots and Systems']}
]

/** A venue named in a text. */
export interface VenueMention {
  /** Canonical short name (`NeurIPS`). */
  venue: string
  /** Four-digit year, when the text gives one. */
  year: number | undefined
  /** [start, end) of the venue's name in the text. */
  index: [number, number]
}

interface Pattern {
  venue: string
  regex: RegExp
}

const PATTERNS: readonly Pattern[] = VENUES.flatMap((definition) => {
  const patterns: Pattern[] = []
  if (definition.acronyms.length > 0) {
    // A glued year (`ICML23`, `CVPR2024`) or a `W` for workshop may follow
    const source = `(?<![\\p{L}\\p{N}])(?:${definition.acronyms.join('|')})(?=\\d|[^\\p{L}\\p{N}]|$)`
    patterns.push({venue: definition.name, regex: new RegExp(source, definition.caseSensitive ? 'gu' : 'giu')})
  }
  for (const name of definition.names) {
    const source = `\\b${name.replace(/ /g, '\\s+')}\\b`
    patterns.push({venue: definition.name, regex: new RegExp(source, 'gi')})
  }
  return patterns
})

/** A year right after a venue's name: ` 2023`, `'23`, `’23`, `23`, `-2023`. */
const YEAR_AFTER = /^(?:[\s\-_,:]*((?:19|20)\d{2})|\s*['’‘]\s*(\d{2})|-?(\d{2}))(?!\d)/

/** A year right before a full name: `2023 Conference on Empirical Methods`. */
const YEAR_BEFORE =
  /\b((?:19|20)\d{2})\s+(?:(?:IEEE|CVF|ACM|IEEE\/CVF|International|Annual|Conference|on|the|of)\s+){0,4}$/i

/** Every four-digit year of a text. */
const YEARS = /(?<!\d)(?:19[89]\d|20[0-4]\d)(?!\d)/g

/**
 * Find the venues a text names, with their years.
 *
 * @param text a badge, a cell, a journal reference or a comment clause
 * @returns mentions in text order (overlapping names count once: the longest)
 */
export function findVenues(text: string): VenueMention[] {
  // URLs and e-mail addresses name no venue (`aclanthology.org/2023.acl-long.1`)
  const plain = text.replace(/\b(?:https?:\/\/|www\.)\S+|\S+@\S+/gi, (match) => ' '.repeat(match.length))
  const found: VenueMention[] = []
  for (const {venue, regex} of PATTERNS) {
    regex.lastIndex = 0
    for (let match = regex.exec(plain); match; match = regex.exec(plain)) {
      found.push({venue, year: undefined, index: [match.index, match.index + match[0].length]})
    }
  }
  found.sort((a, b) => a.index[0] - b.index[0] || b.index[1] - a.index[1])
  const mentions: VenueMention[] = []
  for (const mention of found) {
    const last = mentions.at(-1)
    if (last && mention.index[0] < last.index[1]) continue
    mentions.push(mention)
  }
  const years = [...new Set([...plain.matchAll(YEARS)].map((match) => Number(match[0])))]
  for (const mention of mentions) {
    mention.year = adjacentYear(plain, mention) ?? (years.length === 1 ? years[0] : undefined)
  }
  return mentions
}

function adjacentYear(text: string, mention: VenueMention): number | undefined {
  const after = YEAR_AFTER.exec(text.slice(mention.index[1]))
  if (after) {
    if (after[1]) return Number(after[1])
    return 2000 + Number(after[2] ?? after[3])
  }
  const before = YEAR_BEFORE.exec(text.slice(Math.max(0, mention.index[0] - 60), mention.index[0]))
  return before ? Number(before[1]) : undefined
}

/** Where a record names its venue. */
export interface RecordVenue extends VenueMention {
  /** Which field of the record. */
  field: 'journal reference' | 'comment'
  /** The clause that names it, as written (for messages). */
  quote: string
}

/** Words that make a comment clause name a venue the paper was accepted at. */
const ACCEPTED =
  /\b(?:accepted|to appear|appears? (?:in|at)|appearing|published|presented|camera[- ]ready|proceedings|oral|spotlight|poster|highlight|best paper|outstanding paper)\b/i

/** Words that make a clause name a venue the paper was not (yet) accepted at. */
const NOT_ACCEPTED =
  /\b(?:under review|in review|review(?:ed)? (?:at|by|for)|submitted|submission|rejected|not accepted|withdrawn|preprint of|extended version|extension of|extends|earlier version|previous version|preliminary version|based on|follow[- ]up|see also)\b/i

/**
 * The venues an arXiv record says the paper appeared at: every venue of the
 * journal reference, and venues of comment clauses that say the paper was
 * accepted (`Accepted at ICML 2023`, `To appear in NeurIPS 2023`,
 * `CVPR 2024 Highlight`, or a clause that starts with the venue). Clauses
 * that speak of a submission, a review, an earlier or extended version are
 * ignored.
 *
 * @param journalRef the record's journal reference
 * @param comment the record's comment
 * @returns venue mentions with the field and clause they come from
 */
export function recordVenues(journalRef: string | undefined, comment: string | undefined): RecordVenue[] {
  const result: RecordVenue[] = []
  if (journalRef) {
    for (const mention of findVenues(withoutFindingsPrefix(journalRef))) {
      result.push({...mention, field: 'journal reference', quote: journalRef.trim()})
    }
  }
  for (const clause of clauses(comment ?? '')) {
    if (NOT_ACCEPTED.test(clause)) continue
    const text = withoutFindingsPrefix(clause)
    const mentions = findVenues(text)
    if (mentions.length === 0) continue
    const accepted = ACCEPTED.exec(text)
    const leading = /^\s*(?:the\s+|findings\s*:?\s*(?:of\s+)?)?$/i.test(text.slice(0, mentions[0].index[0]))
    for (const mention of mentions) {
      if (leading || (accepted && accepted.index < mention.index[0])) {
        result.push({...mention, field: 'comment', quote: clause.trim()})
      }
    }
  }
  return result
}

/**
 * `Findings of the Association for Computational Linguistics: EMNLP 2023`
 * names EMNLP, not ACL.
 */
function withoutFindingsPrefix(text: string): string {
  return text.replace(
    /\bFindings\s+of\s+(?:the\s+)?(?:Association\s+for\s+Computational\s+Linguistics|ACL)\s*:/gi,
    (match) => 'Findings:'.padEnd(match.length, ' ')
  )
}

/** Comment clauses: split at `;`, line breaks and sentence ends. */
function clauses(comment: string): string[] {
  return comment
    .split(/;|\n|\.\s+(?=\p{Lu})|\.\s*$/u)
    .map((clause) => clause.trim())
    .filter((clause) => clause !== '')
}

/** A badge or cell that speaks of a submission, not of an acceptance. */
const SUBMISSION = /\b(?:sub\.?|submission|submitted|under review|in review|rejected)(?![\p{L}])/iu

/**
 * The venues a badge or venue cell claims (`Conference ICML'23`,
 * `CVPR 2023`, `NeurIPS'24 Workshop`); none when it speaks of a submission
 * (`ICLR sub.`, `Under review at ICML`).
 *
 * @param text the badge's label and message, or the cell's text
 * @returns venue mentions
 */
export function claimedVenues(text: string): VenueMention[] {
  if (SUBMISSION.test(text)) return []
  return findVenues(withoutFindingsPrefix(text))
}

/** How a claim compares with the record. */
export type VenueVerdict = {agrees: true} | {agrees: false; reason: 'venue' | 'year'; expected: RecordVenue}

/**
 * Compare the venues a badge or cell claims with the record's venues.
 * Disagreement needs both sides to name a known venue and the record to
 * give a year; a claim with no year agrees with any year, and one matching
 * venue anywhere in the record is enough.
 *
 * @param claims venues named by the badge or cell
 * @param record venues named by the record
 * @returns agreement, or what the record says instead
 */
export function compareVenues(claims: readonly VenueMention[], record: readonly RecordVenue[]): VenueVerdict {
  const dated = record.filter((mention) => mention.year !== undefined)
  if (claims.length === 0 || dated.length === 0) return {agrees: true}
  let yearConflict: RecordVenue | undefined
  for (const claim of claims) {
    const same = record.filter((mention) => mention.venue === claim.venue)
    if (same.length === 0) continue
    if (claim.year === undefined) return {agrees: true}
    if (same.some((mention) => mention.year === undefined || mention.year === claim.year)) {
      return {agrees: true}
    }
    yearConflict ??= same[0]
  }
  if (yearConflict) return {agrees: false, reason: 'year', expected: yearConflict}
  return {agrees: false, reason: 'venue', expected: dated[0]}
}

/**
 * A venue as shown in messages: `ICML 2023`.
 *
 * @param mention a venue mention
 * @returns its short name and year
 */
export function formatVenue(mention: VenueMention): string {
  return mention.year === undefined ? mention.venue : `${mention.venue} ${mention.year}`
}
