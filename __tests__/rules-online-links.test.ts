/**
 * The online URL rules: their documented examples, and what they leave to
 * other rules (arXiv papers, repository pages, star badges).
 */
import {checkDocuments, emptyEvidence} from '../src/check/run.js'
import type {Rule} from '../src/check/rule.js'
import {rule as imageBroken} from '../src/check/rules/image-broken.js'
import {rule as imageNotImage} from '../src/check/rules/image-not-image.js'
import {rule as linkBroken} from '../src/check/rules/link-broken.js'
import {rule as linkRedirected} from '../src/check/rules/link-redirected.js'
import {rule as linkUnverified} from '../src/check/rules/link-unverified.js'
import {extractDocument} from '../src/extract/document.js'
import type {EvidenceStore, Finding, Resolution, UrlRecord} from '../src/types.js'

const RULES: Rule[] = [linkBroken, linkRedirected, linkUnverified, imageBroken, imageNotImage]

function run(rule: Rule, markdown: string, evidence: Partial<EvidenceStore> = {}): Finding[] {
  return checkDocuments([extractDocument('README.md', markdown)], {
    rules: [rule],
    settings: new Map(),
    evidence: {...emptyEvidence(), ...evidence},
    root: '/repo',
    offline: false
  })
}

function lines(findings: Finding[]): string[] {
  return findings.map((finding) => `${finding.line}:${finding.column}: ${finding.message}`)
}

describe('online URL rules', () => {
  test('should export five online rules needing urls', () => {
    expect(RULES.map((rule) => [rule.id, rule.defaultSeverity, rule.needs])).toEqual([
      ['link-broken', 'error', ['urls']],
      ['link-redirected', 'notice', ['urls']],
      ['link-unverified', 'notice', ['urls', 'arxiv']],
      ['image-broken', 'error', ['urls']],
      ['image-not-image', 'error', ['urls']]
    ])
  })

  for (const rule of RULES) {
    describe(rule.id, () => {
      test('should document ok and not-ok examples', () => {
        expect(rule.examples.some((example) => example.expected.length === 0)).toBe(true)
        expect(rule.examples.some((example) => example.expected.length > 0)).toBe(true)
      })
      rule.examples.forEach((example, index) => {
        test(`example ${index + 1} should report ${example.expected.length} finding(s)`, () => {
          expect(lines(run(rule, example.markdown, example.evidence))).toEqual(example.expected)
        })
      })
    })
  }

  test('should never report unverified links as errors', () => {
    const urls = new Map<string, Resolution<UrlRecord>>([
      ['https://x.example.org/', {state: 'unverified', reason: 'server-error', detail: 'HTTP 503'}]
    ])
    const findings = RULES.flatMap((rule) => run(rule, '- [X](https://x.example.org/)\n', {urls}))
    expect(findings.map((finding) => [finding.rule, finding.severity])).toEqual([['link-unverified', 'notice']])
  })

  test('should leave arXiv papers, repository pages and star badges to the API rules', () => {
    const markdown =
      '- [P](https://arxiv.org/abs/2401.00001) [C](https://github.com/o/r) ![S](https://img.shields.io/github/stars/o/r)\n'
    const urls = new Map<string, Resolution<UrlRecord>>([
      ['https://arxiv.org/abs/2401.00001', {state: 'missing', status: 404}],
      ['https://github.com/o/r', {state: 'missing', status: 404}],
      ['https://img.shields.io/github/stars/o/r', {state: 'missing', status: 404}]
    ])
    expect(RULES.flatMap((rule) => run(rule, markdown, {urls}))).toEqual([])
  })

  test('should report a reference once, at its definition, as an image when an image uses it', () => {
    const markdown = '![a][fig] ![b][fig]\n\n[fig]: https://img.example.org/f.png\n'
    const urls = new Map<string, Resolution<UrlRecord>>([
      ['https://img.example.org/f.png', {state: 'missing', status: 410}]
    ])
    expect(lines(run(imageBroken, markdown, {urls}))).toEqual([
      '3:8: Unexpected 410 for image `https://img.example.org/f.png`: the image is gone'
    ])
    expect(run(linkBroken, markdown, {urls})).toEqual([])
  })

  test('should fix a permanent redirect with the exact URL span', () => {
    const markdown = '| Site |\n|---|\n| [S](http://old.example.org/p) |\n'
    const urls = new Map<string, Resolution<UrlRecord>>([
      ['http://old.example.org/p', {state: 'moved', to: 'https://new.example.org/p'}]
    ])
    const [finding] = run(linkRedirected, markdown, {urls})
    expect(finding.fix).toBeDefined()
    const {range, replacement} = finding.fix!
    expect(markdown.slice(0, range[0]) + replacement + markdown.slice(range[1])).toBe(
      '| Site |\n|---|\n| [S](https://new.example.org/p) |\n'
    )
  })

  test('should not offer a fix when the target needs escaping', () => {
    const markdown = '- [S](http://old.example.org/p)\n'
    const urls = new Map<string, Resolution<UrlRecord>>([
      ['http://old.example.org/p', {state: 'moved', to: 'https://new.example.org/p_(x)|y'}]
    ])
    const [finding] = run(linkRedirected, markdown, {urls})
    expect(finding.message).toContain('https://new.example.org/p_(x)|y')
    expect(finding.fix).toBeUndefined()
  })
})
