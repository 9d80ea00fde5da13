/**
 * The run's own log lines and annotations. Warnings and notices the run emits
 * (about the cache, the token, the read-only notice) count against GitHub's
 * 10 annotations per level and step like the findings' annotations, so the
 * log counts them: one log per run, handed to whoever emits (no module state).
 */
import * as core from '@actions/core'
import {plural} from '../report/summary.js'
import type {Finding, Severity} from '../types.js'
import {ANNOTATIONS_PER_LEVEL, selectAnnotations, workflowAnnotations} from './annotations.js'

/** Slots kept for run annotations emitted after the findings' (the failure line, a late warning or notice). */
const LATER_ANNOTATIONS: Readonly<Record<Severity, number>> = {error: 1, warning: 1, notice: 1}

/** The log of one run. */
export interface RunLog {
  /** A warning annotation (counted). */
  warning(line: string): void
  /** A notice annotation (counted). */
  notice(line: string): void
  /**
   * Write the workflow commands of the first findings per level GitHub shows,
   * leaving room for the run's own annotations.
   *
   * @returns a line for the summary when some findings are not annotated
   */
  annotate(findings: readonly Finding[]): string[]
}

/**
 * Create the log of one run.
 *
 * @param write where workflow commands go (default: stdout)
 * @returns a log with no annotation emitted yet
 */
export function createRunLog(write: (text: string) => void = (text) => process.stdout.write(text)): RunLog {
  const emitted: Record<Severity, number> = {error: 0, warning: 0, notice: 0}
  return {
    warning(line) {
      emitted.warning++
      core.warning(line)
    },
    notice(line) {
      emitted.notice++
      core.notice(line)
    },
    annotate(findings) {
      const budget = (severity: Severity): number =>
        Math.max(0, ANNOTATIONS_PER_LEVEL - emitted[severity] - LATER_ANNOTATIONS[severity])
      const selection = selectAnnotations(findings, {
        error: budget('error'),
        warning: budget('warning'),
        notice: budget('notice')
      })
      write(workflowAnnotations(selection.shown))
      const hidden = selection.hidden.error + selection.hidden.warning + selection.hidden.notice
      if (hidden === 0) return []
      return [
        `${plural(selection.shown.length, 'annotation')} shown on the lines; ${plural(hidden, 'more finding')} ` +
          'listed below only (GitHub shows 10 annotations per level and step).'
      ]
    }
  }
}
