/**
 * Title comparison for the arXiv rules: is the title a list gives an entry
 * the title of the paper its arXiv id names? Pure.
 *
 * How: both titles are normalized (`normalizeTitle`), split into words, and
 * compared by a weighted Dice coefficient of their content words
 * (`titleSimilarity`): stop words do not count, words found in many ML paper
 * titles (`language`, `models`, `efficient`…) weigh 0.3, compounds match
 * their parts (`Pre-training` = `Pretraining`), each title counts whole or by
 * its name before a subtitle (`QLoRA` = `QLoRA: Efficient Finetuning of
 * Quantized LLMs`), list conventions (`[Tag] Title(@Affiliation)`) are
 * dropped, and two titles giving their method the same coined name
 * (`InfLLM: …`, a paper renamed between versions) score 0.75.
 *
 * Thresholds, chosen on ../shared/corpus (12 real lists, 9,658 entries; run
 * `__tests__/papers/title-corpus.test.ts`, which re-measures and guards them).
 * Titles are those written as the paper link's text or in a Title column
 * (entries whose title is only inferred from a description cell are not
 * compared: there the true-match rate falls to 83%):
 * - True pairs: 280 pairs of different titles that the lists give one arXiv
 *   id. At 0.6, 270 match (96.4%); the 10 below are 4 wrong ids in the lists
 *   themselves (NeFII vs BEV-guided under `2303.16617`…), 5 papers renamed on
 *   arXiv (SGLang, T2Vid/Sparrow…) and one link text (`Eval Tool`).
 *   Variants of the 5,772 titles: name only 3,621/3,632 (the rest are
 *   `[SP: …]` tags, not names), hyphens dropped 5,772/5,772, lower case
 *   without punctuation 5,760/5,772, LaTeX-wrapped 5,767/5,772.
 * - Wrong pairs: all 16.7 M pairs of titles of different ids: 31.7 per million
 *   match at 0.6 (0.78 per million at 0.9); the title of the row above (the
 *   copy-paste case, 6,430 pairs) matches 0.25% of the time at 0.6, 0.02% at
 *   0.9; a title's single most similar wrong title anywhere in the corpus
 *   matches for 8.8% of titles at 0.6 and 0.31% at 0.9 (surveys with near
 *   identical titles, `Qwen3-VL` vs `Qwen3 Technical Report`).
 * So a title mismatch (`arxiv-title-mismatch`) is reported below 0.6
 * (`TITLE_MATCH_THRESHOLD`), only for titles of at least 3 content words
 * (`isSpecificTitle`: bare names such as `vLLM` are often absent from the
 * paper's title), and a title-search result is suggested as a fix only when
 * it is the only one at 0.9 or more (`TITLE_SUGGEST_THRESHOLD`).
 */

/** Greek letters by name: `$\alpha$`, `α` and `𝛼` all read `alpha`. */
const GREEK = (
  'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi ' +
  'omicron pi rho sigma sigma tau upsilon phi chi psi omega'
).split(' ')

/** Symbols that stand for words in titles (`∞-Bench`, `$\infty$Bench`). */
const SYMBOLS: Readonly<Record<string, string>> = {
  '∞': ' infty ',
  '∇': ' nabla ',
  '∂': ' partial ',
  '√': ' sqrt ',
  '∑': ' sum ',
  '∏': ' prod ',
  '∫': ' int ',
  '&': ' and ',
  '+': ' plus '
}

/** LaTeX symbol commands, spelled as the Unicode above. */
const LATEX_SYMBOLS: Readonly<Record<string, string>> = {
  infty: 'infty',
  nabla: 'nabla',
  partial: 'partial',
  sqrt: 'sqrt',
  sum: 'sum',
  prod: 'prod',
  int: 'int',
  varepsilon: 'epsilon',
  vartheta: 'theta',
  varphi: 'phi',
  varrho: 'rho',
  varsigma: 'sigma',
  varpi: 'pi'
}

/** Escapes that stand for a character: `\&`, `\%`, `\_`, `\#`, `\$`. */
const ESCAPED = /\\([&%_#$])/g

/** Accent commands: `\'e`, `\"{o}`, `\^o`, `\~n`, `\c{c}`, `\v{s}`. */
const ACCENT = /\\(?:['"^`~=.]|[cvuHkr](?=\{))\s*\{?\s*([A-Za-z])\s*\}?/g

/** Any other command: `\textbf`, `\mathcal`, `\alpha`, `\LaTeX`. */
const COMMAND = /\\([A-Za-z]+)\s*/g

/**
 * Remove LaTeX markup, keeping its text: `$\alpha$-Bench` -> `alpha-Bench`,
 * `\textbf{Fast}` -> `Fast`, `{BERT}` -> `BERT`, `\'Ecole` -> `Ecole`.
 *
 * @param text a title as written
 * @returns the title without LaTeX markup
 */
function stripLatex(text: string): string {
  if (!/[\\${}]/.test(text)) return text
  return text
    .replace(ESCAPED, (_, character: string) => character)
    .replace(ACCENT, (_, letter: string) => letter)
    .replace(COMMAND, (_, name: string) => {
      const lower = name.toLowerCase()
      if (GREEK.includes(lower)) return ` ${lower} `
      const symbol = LATEX_SYMBOLS[name]
      // Formatting commands (\textbf, \mathrm, \emph) vanish, their braced
      // argument stays.
      return symbol ? ` ${symbol} ` : ''
    })
    .replace(/[${}]/g, '')
}

/** `α` -> ` alpha ` (after NFKD, so mathematical italic letters are included). */
function spellGreek(text: string): string {
  return text.replace(/[\u03b1-\u03c9]/g, (letter) => {
    return ` ${GREEK[letter.charCodeAt(0) - 0x03b1]} `
  })
}

/**
 * Normalize a title for comparison and as a lookup key: LaTeX markup
 * (`$\alpha$`, `\textbf{}`, braces), Unicode compatibility forms and
 * diacritics (NFKD), case, dashes, quotes, punctuation and white space do
 * not count; Greek letters and a few symbols are spelled out; letters and
 * digits written together are split (`GPT4` and `GPT-4` both give `gpt 4`).
 *
 * @param text a title as written
 * @returns lower-case words and numbers joined by single spaces ('' when the
 *   title has none)
 */
export function normalizeTitle(text: string): string {
  const plain = stripLatex(text).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
  return spellGreek(plain)
    .replace(/[∞∇∂√∑∏∫&+]/g, (symbol) => SYMBOLS[symbol] ?? ' ')
    .replace(/(\p{L})(?=\p{N})|(\p{N})(?=\p{L})/gu, '$1$2 ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** Words too common to tell two titles apart. */
const STOPWORDS = new Set(
  (
    'a an and are as at be by can do does for from how in into is it its not ' +
    'of on or our than that the their this to towards toward under using via ' +
    'we what when where which while who why with without you your'
  ).split(' ')
)

/**
 * Where a title's name ends and its subtitle starts: `QLoRA: Efficient …`,
 * `Medusa - Simple …`, `Orca — Progressive …`.
 */
const SUBTITLE = /\s*:\s+|\s*:(?=\p{Lu})|\?\s+|\s+[-–—]+\s+|\s*[–—]\s*/u

/**
 * List conventions around a title: a leading tag (`[Medusa] Medusa: …`,
 * xlite-dev/Awesome-LLM-Inference) and a trailing affiliation
 * (`…(@Google)`, `(@UC Berkeley etc)`).
 */
const TAG = /^\s*(?:\[[^\]]*\]|【[^】]*】)\s*/
const AFFILIATION = /\s*[(（]\s*@[^)）]*[)）]?\s*$/

/**
 * A title without LaTeX markup and list conventions (`[Tag]`, `(@Affiliation)`),
 * white space collapsed: what a title search asks for.
 *
 * @param title a title as written
 * @returns the plain title
 */
export function plainTitle(title: string): string {
  return stripLatex(title).replace(TAG, '').replace(AFFILIATION, '').replace(/\s+/g, ' ').trim()
}

/** A title taken apart. */
interface TitleParts {
  /** Words of the whole title (tag and affiliation aside). */
  whole: string[]
  /** Words before the subtitle, when there is one. */
  name: string[] | undefined
  /** Coined names the title gives its method (`InfLLM`, `[CacheGen]`), normalized. */
  coined: string[]
}

/** A coined word: `InfLLM`, `LLaVA`, `SentenceVAE`, `Qwen3`; not `LLM`, `Survey`. */
const COINED = /\p{Ll}\p{Lu}|\p{Lu}{2,}\p{Ll}|\p{L}\p{N}|\p{N}\p{L}/u

/** Take a title apart (see `TitleParts`). */
function titleParts(title: string): TitleParts {
  const plain = stripLatex(title)
  const tag = TAG.exec(plain)
  const bare = plain.replace(TAG, '').replace(AFFILIATION, '')
  const whole = words(bare)
  const cut = SUBTITLE.exec(bare)
  const head = cut && cut.index > 0 ? bare.slice(0, cut.index) : undefined
  const name = head === undefined ? undefined : words(head)
  const coined = [head, tag?.[0].replace(/[[\]【】]/g, '')]
    .filter((text): text is string => text !== undefined && isCoined(text))
    .map((text) => normalizeTitle(text))
  return {
    whole,
    name: name && name.length > 0 && name.length < whole.length ? name : undefined,
    coined
  }
}

/** Whether a name is a coined word or two (`InfLLM`, `Ada-KV`, `LLaMA Adapter`). */
function isCoined(text: string): boolean {
  const parts = text.trim().split(/\s+/)
  return parts.length <= 2 && parts.some((part) => COINED.test(part))
}

const recent = new Map<string, TitleParts>()

/** `titleParts`, remembered for the last titles seen (rules compare one title often). */
function cachedParts(title: string): TitleParts {
  let result = recent.get(title)
  if (!result) {
    if (recent.size >= 8192) recent.clear()
    result = titleParts(title)
    recent.set(title, result)
  }
  return result
}

/** The words of a title, in order. */
function words(title: string): string[] {
  return normalizeTitle(title)
    .split(' ')
    .filter((word) => word !== '')
}

/** Content words (stop words dropped unless nothing else remains). */
function contentWords(all: readonly string[]): string[] {
  const content = all.filter((word) => !STOPWORDS.has(word))
  return content.length > 0 ? content : [...all]
}

/**
 * Words found in many paper titles of the lists paperlint checks (the most
 * frequent content words of the corpus titles): sharing them says little, so
 * they weigh `COMMON_WEIGHT` instead of 1.
 */
const COMMON_WORDS = new Set(
  (
    'language models model large efficient long learning video context llm ' +
    'llms generation reasoning image inference multi attention diffusion ' +
    'training compression based visual vision aware text multimodal cache kv ' +
    'understanding reinforcement object quantization self transformer neural ' +
    'detection memory tuning pruning adaptive retrieval distillation token ' +
    'shot dynamic transformers supervised segmentation fine sparse data ' +
    'semantic time decoding guided free modeling high human knowledge scaling ' +
    'low view scale modal editing framework generative point augmented zero ' +
    'benchmark accelerating optimization fast synthesis representation ' +
    'temporal open pre domain survey approach network networks study ' +
    'towards method methods system systems analysis evaluation'
  ).split(' ')
)

/** Weight of a common word (default: 0.3). */
const COMMON_WEIGHT = 0.3

function weight(word: string): number {
  return COMMON_WORDS.has(word) ? COMMON_WEIGHT : 1
}

/** Dice coefficient of two word sets, common words weighing less. */
function dice(a: readonly string[], b: readonly string[]): number {
  const joinedA = joinCompounds(a, b)
  const x = new Set(contentWords(joinedA))
  const y = new Set(contentWords(joinCompounds(b, joinedA)))
  let shared = 0
  let total = 0
  for (const word of x) {
    total += weight(word)
    if (y.has(word)) shared += weight(word)
  }
  for (const word of y) total += weight(word)
  return total === 0 ? 0 : (2 * shared) / total
}

/** Most words a compound joins (`Chain-of-Thought`: 3). */
const MAX_COMPOUND = 4

/**
 * Join neighbouring words of one title that the other writes as one word:
 * `Pre-training` and `Pretraining`, `Chain-of-Thought` and `ChainofThought`.
 *
 * @param words the words to rewrite
 * @param other the other title's words
 * @returns the words, compounds joined
 */
function joinCompounds(words: readonly string[], other: readonly string[]): string[] {
  const known = new Set(other)
  const result: string[] = []
  for (let index = 0; index < words.length; index++) {
    let joined = 1
    if (!known.has(words[index])) {
      let compound = words[index]
      for (let size = 2; size <= MAX_COMPOUND; size++) {
        if (index + size > words.length) break
        compound += words[index + size - 1]
        if (known.has(compound)) joined = size
      }
    }
    result.push(words.slice(index, index + joined).join(''))
    index += joined - 1
  }
  return result
}

/**
 * How alike two titles are, from 0 to 1: the Dice coefficient of their
 * content words (stop words aside), taking each title whole or, when it has
 * a subtitle, by its name alone; so `QLoRA` and `QLoRA: Efficient Finetuning
 * of Quantized LLMs` score 1, and a title that lost or changed its subtitle
 * still scores high. Two names alone (`X: a`, `X: b`) are never compared
 * with each other: names such as `Position` or `Survey` are shared by many
 * papers.
 *
 * @param a a title
 * @param b another title
 * @returns the similarity
 */
export function titleSimilarity(a: string, b: string): number {
  const x = cachedParts(a)
  const y = cachedParts(b)
  let best = dice(x.whole, y.whole)
  if (x.name) best = Math.max(best, dice(x.name, y.whole))
  if (y.name) best = Math.max(best, dice(x.whole, y.name))
  if (x.coined.some((name) => y.coined.includes(name))) {
    best = Math.max(best, COINED_NAME_SCORE)
  }
  // Weighted sums are not exact: 0.9999999 is 1.
  return Math.round(best * 1000) / 1000
}

/**
 * Similarity of two titles that give their method the same coined name
 * (`InfLLM: Training-Free …` and `InfLLM: Unveiling …`, a paper renamed
 * between versions): a match, but not enough for a suggestion.
 */
const COINED_NAME_SCORE = 0.75

/** Least similarity for two titles to name the same paper (see the top). */
export const TITLE_MATCH_THRESHOLD = 0.6

/** Least similarity for a title search result to be offered as a fix (see the top). */
export const TITLE_SUGGEST_THRESHOLD = 0.9

/**
 * Whether the title a list gives an entry names the paper with this title.
 *
 * @param entryTitle the entry's title (possibly shortened to its name)
 * @param paperTitle the paper's title (from the arXiv API)
 * @returns whether they match
 */
export function titlesMatch(entryTitle: string, paperTitle: string): boolean {
  return titleSimilarity(entryTitle, paperTitle) >= TITLE_MATCH_THRESHOLD
}

/**
 * Whether a title says enough to tell papers apart: a mismatch is only
 * reported, and a title search only run, for such titles. A bare name
 * (`vLLM`, `Medusa`) often is not in the paper's title at all.
 *
 * @param title an entry's title
 * @returns whether it has at least 3 content words
 */
export function isSpecificTitle(title: string): boolean {
  return contentWords(cachedParts(title).whole).length >= 3
}
