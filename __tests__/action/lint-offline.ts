/** Offline findings of in-memory files, for the action's unit tests. */
import {RULES} from '../../src/check/index.js'
import {checkDocuments, emptyEvidence} from '../../src/check/run.js'
import {extractDocument} from '../../src/extract/document.js'
import type {Document, Finding} from '../../src/types.js'

/**
 * Extract and check files with every offline rule.
 *
 * @param files path -> Markdown
 * @returns the documents and the findings
 */
export function lintOffline(files: Record<string, string>): {documents: Document[]; findings: Finding[]} {
  const documents = Object.entries(files).map(([name, text]) => extractDocument(name, text))
  const findings = checkDocuments(documents, {
    rules: RULES,
    settings: new Map(),
    evidence: emptyEvidence(),
    root: '/repo',
    offline: true
  })
  return {documents, findings}
}

/**
 * A patch adding the given lines (head numbering), one hunk each.
 *
 * @param lines 1-based lines
 * @param text the text of each added line (default: `x`)
 * @returns the patch
 */
export function addedLines(lines: number[], text: (line: number) => string = () => 'x'): string {
  return lines.map((line) => `@@ -${line - 1},0 +${line},1 @@\n+${text(line)}`).join('\n')
}
