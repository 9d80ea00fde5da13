/**
 * Runs every documented example of every rule: the examples in a rule's
 * definition are its specification and its tests.
 */
import {readdirSync} from 'node:fs'
import path from 'node:path'
import {RULES} from '../../src/check/index.js'
import {emptyEvidence, checkDocuments} from '../../src/check/run.js'
import {resolveRelative} from '../../src/paths.js'
import {extractDocument} from '../../src/extract/document.js'
import type {Document, EvidenceStore} from '../../src/types.js'

const ROOT = '/repo'

function runExample(
  ruleId: string,
  markdown: string,
  files: Record<string, string> = {},
  evidence: Partial<EvidenceStore> = {}
): string[] {
  const rule = RULES.find((candidate) => candidate.id === ruleId)
  if (!rule) throw new Error(`no rule ${ruleId}`)
  const documents: Document[] = [extractDocument('README.md', markdown)]
  for (const [name, content] of Object.entries(files)) {
    if (name.endsWith('.md')) documents.push(extractDocument(name, content))
  }
  const existing = new Set(Object.keys(files).map((name) => path.resolve(ROOT, name)))
  const fileEvidence = new Map<string, boolean>()
  for (const document of documents) {
    for (const link of document.links) {
      if (link.target.type !== 'relative') continue
      const target = resolveRelative(document.file, link.target.path, ROOT)
      if (target.inside) {
        const directory = [...existing].some((name) => name.startsWith(target.absolute + '/'))
        fileEvidence.set(target.absolute, existing.has(target.absolute) || directory)
      }
    }
  }
  const findings = checkDocuments(documents, {
    rules: [rule],
    // A rule that is off by default runs when its examples are tested
    settings: new Map([[rule.id, {severity: rule.defaultSeverity, options: {}}]]),
    evidence: {...emptyEvidence(), files: fileEvidence, ...evidence},
    root: ROOT,
    offline: false
  })
  return findings
    .filter((finding) => finding.file === 'README.md')
    .map((finding) => `${finding.line}:${finding.column}: ${finding.message}`)
}

describe('rule examples', () => {
  test('should register every rule file exactly once', () => {
    const files = readdirSync(new URL('../../src/check/rules/', import.meta.url))
      .filter((name) => name.endsWith('.ts'))
      .map((name) => name.replace(/\.ts$/, ''))
      .sort()
    expect(RULES.map((rule) => rule.id).sort()).toEqual(files)
  })

  for (const rule of RULES) {
    describe(rule.id, () => {
      test('should document itself with ok and not-ok examples', () => {
        expect(rule.description.length).toBeGreaterThan(10)
        expect(rule.examples.some((example) => example.expected.length === 0)).toBe(true)
        expect(rule.examples.some((example) => example.expected.length > 0)).toBe(true)
      })
      rule.examples.forEach((example, index) => {
        test(`example ${index + 1} should report ${example.expected.length} finding(s)`, () => {
          expect(runExample(rule.id, example.markdown, example.files, example.evidence)).toEqual(example.expected)
        })
      })
    })
  }
})
