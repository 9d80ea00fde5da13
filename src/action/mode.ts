/**
 * What the action's two modes (`pr-mode.ts`, `scan-mode.ts`) share with the
 * orchestration (`main.ts`): their inputs and their result.
 */
import type {Settings} from '../config/settings.js'
import type {SuggestionComment} from '../report/suggestions.js'
import type {Finding} from '../types.js'
import type {ActionInputs} from './inputs.js'
import type {RunLog} from './run-log.js'
import type {Denial, WriteGate} from './write-gate.js'

/** The environment the runner gives. */
export type Env = Readonly<Record<string, string | undefined>>

/** What both modes need. */
export interface ModeContext {
  inputs: ActionInputs
  settings: Settings
  env: Env
  repository: {owner: string; repo: string}
  /** Every write to the GitHub API goes through it. */
  gate: WriteGate
  log: RunLog
  /** Path of the JSON report (linked from the issue). */
  reportPath: string
  /** Scan mode's history file, next to the results cache. */
  historyFile: string
  /** Input errors or the network down: the issue is not touched. */
  runLevelError: boolean
}

/** What one mode reports back to the common tail. */
export interface ModeResult {
  /** The findings reported (PR mode: on changed lines). */
  findings: Finding[]
  /** Lines for the summary: check run, review, issue, read-only token. */
  channels: string[]
  issueNumber?: number
  /** PR mode: the review comments (for the publish data of the two-stage workflow). */
  suggestions?: SuggestionComment[]
}

/**
 * The one notice when writes stopped.
 *
 * @param denial why the write gate closed
 * @returns one line
 */
export function denialNotice(denial: Denial): string {
  const shown = 'findings are shown as annotations and in the job summary'
  if (denial.kind === 'fork') {
    return `paperlint posts no check run and no review on a pull request from a fork (the token is read-only); ${shown}`
  }
  return (
    `paperlint could not write ${denial.what} (${denial.reason}): the token is read-only here ` +
    `(a pull request from a fork, or a workflow without the permission), so paperlint writes nothing more; ${shown}`
  )
}
