/**
 * The arXiv rules end to end: evidence from the resolver talking to the
 * loopback arXiv emulator, then the rules, then their fixes applied (the
 * examples check messages only).
 */
import {RULES} from '../../../src/check/index.js'
import {resolveArxiv} from '../../../src/resolve/arxiv/index.js'
import {createHttpClient} from '../../../src/resolve/http.js'
import type {HttpClient} from '../../../src/resolve/http-types.js'
import type {ArxivRecord, Document, EvidenceStore, Finding, Resolution} from '../../../src/types.js'
import {startArxivServer, type ArxivServer} from '../../helpers/arxiv-server.js'
import {checkExtracted, extractAll, findingLines, fixedByAll} from '../../helpers/rules.js'
import {fakeSleep, withoutProxyEnv} from '../../resolve/loopback.js'

withoutProxyEnv()

const SPECINFER =
  'SpecInfer: Accelerating Large Language Model Serving with Tree-based Speculative Inference and Verification'
const PAPERS = [
  {id: '2305.09781', versions: 3, title: SPECINFER},
  {id: '2305.11627', title: 'LLM-Pruner: On the Structural Pruning of Large Language Models'},
  {id: '2305.14314', title: 'QLoRA: Efficient Finetuning of Quantized LLMs'},
  // Two papers a search for their common subtitle finds, neither close to it alone
  {id: '2508.09834', title: 'Speed Always Wins: A Survey on Efficient Architectures for Large Language Models'},
  {id: '2508.12265', title: 'Speed Always Wins II: A Survey on Efficient Architectures for Large Language Models'}
]

const ARXIV_RULES = [
  'arxiv-not-found',
  'arxiv-title-mismatch',
  'arxiv-id-malformed',
  'entry-arxiv-conflict',
  'link-unverified'
]

let server: ArxivServer
let client: HttpClient

beforeEach(async () => {
  server = await startArxivServer({papers: PAPERS})
  client = createHttpClient({
    allowPrivateHosts: true,
    timeoutMs: 5000,
    random: () => 0,
    sleep: fakeSleep().sleep
  })
})

afterEach(async () => {
  await client.close()
  await server.close()
})

function check(documents: Document[], evidence: Partial<EvidenceStore>): Finding[] {
  return checkExtracted(
    documents,
    RULES.filter((rule) => ARXIV_RULES.includes(rule.id)),
    {evidence}
  )
}

async function lint(markdown: string): Promise<{findings: Finding[]; source: string}> {
  const documents = extractAll(markdown)
  const resolved = await resolveArxiv(documents, client, {apiUrl: server.url, emptyRetryDelayMs: 1})
  return {findings: check(documents, resolved), source: markdown}
}

const lines = (findings: Finding[]): string[] => findingLines(findings, ['rule', 'fix'])

describe('arXiv rules on resolved evidence', () => {
  test("should suggest SpecInfer's real id for `2305.0978` in a SpecInfer row, and fix it", async () => {
    const markdown = `| Title | Paper |\n|---|---|\n| [\\[SpecInfer\\] ${SPECINFER}(@Peking University etc)](https://arxiv.org/pdf/2305.0978.pdf) | |\n`
    const {findings, source} = await lint(markdown)
    expect(lines(findings)).toEqual(['3:173 arxiv-id-malformed (fix)'])
    expect(findings[0].message).toContain('the title search finds `2305.09781`')
    expect(fixedByAll(source, findings)).toContain('(https://arxiv.org/pdf/2305.09781.pdf)')
  })

  test('should report a malformed id once per row and fix every link of the row that names it', async () => {
    const markdown = `| Title | Paper |\n|---|---|\n| [${SPECINFER}](https://arxiv.org/abs/2305.0978) | [pdf](https://arxiv.org/pdf/2305.0978.pdf) |\n`
    const {findings, source} = await lint(markdown)
    expect(lines(findings)).toEqual(['3:135 arxiv-id-malformed (fix)'])
    expect(findings[0].message).toContain('1 other link of the row names it too')
    const fixed = fixedByAll(source, findings)
    expect(fixed).toBe(
      `| Title | Paper |\n|---|---|\n| [${SPECINFER}](https://arxiv.org/abs/2305.09781) | [pdf](https://arxiv.org/pdf/2305.09781.pdf) |\n`
    )
    const again = await lint(fixed)
    expect(lines(again.findings)).toEqual([])
  })

  test('should report a missing id and fix it with the title search', async () => {
    const markdown = '- [QLoRA: Efficient Finetuning of Quantized LLMs](https://arxiv.org/abs/2305.14341v2)\n'
    const {findings, source} = await lint(markdown)
    expect(lines(findings)).toEqual(['1:73 arxiv-not-found (fix)'])
    expect(fixedByAll(source, findings)).toBe(
      '- [QLoRA: Efficient Finetuning of Quantized LLMs](https://arxiv.org/abs/2305.14314)\n'
    )
  })

  test('should report a title mismatch once per row, its fix replacing the id in every link', async () => {
    const markdown = `- [${SPECINFER}](https://arxiv.org/abs/2305.11627) [pdf](https://arxiv.org/pdf/2305.11627v1.pdf)\n`
    const {findings, source} = await lint(markdown)
    expect(lines(findings)).toEqual(['1:135 arxiv-title-mismatch (fix)'])
    expect(fixedByAll(source, findings)).toBe(
      `- [${SPECINFER}](https://arxiv.org/abs/2305.09781) [pdf](https://arxiv.org/pdf/2305.09781.pdf)\n`
    )
  })

  test('should not fix when the title search is not conclusive', async () => {
    const markdown =
      '- [A Survey on Efficient Architectures for Large Language Models](https://arxiv.org/abs/2412.99999)\n'
    const {findings} = await lint(markdown)
    expect(server.log.map((request) => request.searchQuery)).toEqual([
      '',
      '',
      'ti:"A Survey on Efficient Architectures for Large Language Models"'
    ])
    expect(lines(findings)).toEqual(['1:89 arxiv-not-found'])
    expect(findings[0].message).toBe('Unexpected arXiv id `2412.99999`: the arXiv API knows no such paper')
  })

  test('should never call an unverified id missing or mismatched, but note it', async () => {
    server.script(...Array.from({length: 3}, () => ({kind: 'unavailable' as const})))
    const markdown = `- [${SPECINFER}](https://arxiv.org/abs/2305.11627)\n- [Gone](https://arxiv.org/abs/2412.99999)\n`
    const {findings} = await lint(markdown)
    expect(lines(findings)).toEqual(['1:113 link-unverified', '2:10 link-unverified'])
    expect(findings[0].message).toBe(
      'Could not verify `https://arxiv.org/abs/2305.11627` with the arXiv API: the server answered with an error (HTTP 503)'
    )
  })
})

describe('arXiv rules on hand-made evidence', () => {
  const record = (id: string, title: string, version = 1): Resolution<ArxivRecord> => ({
    state: 'found',
    data: {
      id,
      version,
      title,
      authors: [],
      published: '',
      updated: '',
      comment: undefined,
      journalRef: undefined,
      doi: undefined,
      primaryCategory: undefined
    }
  })

  test('should stay silent on skipped ids and on entries without a comparable title', () => {
    const documents = extractAll(
      '- [vLLM](https://arxiv.org/abs/2305.11627)\n- [Private](https://arxiv.org/abs/2305.14314)\n'
    )
    const findings = check(documents, {
      arxiv: new Map([
        [
          '2305.11627',
          record('2305.11627', 'Efficient Memory Management for Large Language Model Serving with PagedAttention')
        ],
        ['2305.14314', {state: 'skipped', reason: 'private-address'}]
      ])
    })
    expect(findings).toEqual([])
  })

  test('should not suggest a paper that two results match equally well', () => {
    const documents = extractAll('- [A Survey on Efficient Inference](https://arxiv.org/abs/2412.99999)\n')
    const findings = check(documents, {
      arxiv: new Map([['2412.99999', {state: 'missing'}]]),
      arxivTitleSearch: new Map([
        [
          'a survey on efficient inference',
          {
            state: 'found',
            data: [
              (record('2404.14294', 'A Survey on Efficient Inference') as {data: ArxivRecord}).data,
              (record('2404.99999', 'A Survey on Efficient Inference.') as {data: ArxivRecord}).data
            ]
          }
        ]
      ])
    })
    expect(findings.map((finding) => [finding.rule, finding.fix])).toEqual([['arxiv-not-found', undefined]])
  })
})
