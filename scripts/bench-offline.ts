/**
 * Offline benchmark body (bundled and run by scripts/bench.mjs): parse +
 * extract + offline rules against bare remark-parse + remark-gfm on the
 * largest corpus file, and peak memory.
 */
import {readFileSync, readdirSync, statSync} from 'node:fs'
import path from 'node:path'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {RULES} from '../src/check/index.js'
import {isOnline} from '../src/check/rule.js'
import {checkDocuments, emptyEvidence} from '../src/check/run.js'
import {extractDocument} from '../src/extract/document.js'

const corpus = process.argv[2] ?? path.resolve('../shared/corpus')
const rounds = Number(process.argv[3] ?? 5)

function markdownFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name)
    if (statSync(full).isDirectory()) return markdownFiles(full)
    return name.endsWith('.md') && name !== 'SOURCES.md' ? [full] : []
  })
}

const files = markdownFiles(corpus)
const largest = files.reduce((a, b) => (statSync(a).size >= statSync(b).size ? a : b))
const text = readFileSync(largest, 'utf8')
const offlineRules = RULES.filter((rule) => !isOnline(rule))
const bare = unified().use(remarkParse).use(remarkGfm)

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

function time(run: () => void): number {
  const times: number[] = []
  for (let round = 0; round < rounds; round++) {
    const start = performance.now()
    run()
    times.push(performance.now() - start)
  }
  return median(times)
}

// Warm-up, then alternate measurements
time(() => bare.parse(text))
const baseline = time(() => bare.parse(text))
const full = time(() => {
  const document = extractDocument(largest, text)
  checkDocuments([document], {
    rules: offlineRules,
    settings: new Map(),
    evidence: emptyEvidence(),
    root: path.dirname(largest),
    offline: true
  })
})
const ratio = full / baseline
console.log(`file:       ${path.relative(corpus, largest)} (${(text.length / 1024).toFixed(0)} KiB)`)
console.log(`remark:     ${baseline.toFixed(0)} ms (bare remark-parse + remark-gfm, median of ${rounds})`)
console.log(`paperlint:  ${full.toFixed(0)} ms (parse + extract + ${offlineRules.length} offline rules)`)
console.log(`ratio:      ${ratio.toFixed(2)}x (target: at most 2x) ${ratio <= 2 ? 'OK' : 'OVER TARGET'}`)

// The whole corpus once, for throughput
const start = performance.now()
let entries = 0
let links = 0
for (const file of files) {
  const document = extractDocument(file, readFileSync(file, 'utf8'))
  entries += document.entries.length
  links += document.links.length
}
console.log(
  `corpus:     ${files.length} files, ${entries} entries, ${links} links extracted in ${(performance.now() - start).toFixed(0)} ms`
)
console.log(`peak RSS:   ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`)
