/**
 * The triggering event: its name (`GITHUB_EVENT_NAME`) and, for pull request
 * events, what PR mode needs from the payload (`GITHUB_EVENT_PATH`). Parsing
 * is pure; reading the payload file is the one I/O call.
 */
import {readFile} from 'node:fs/promises'
import {InputError, INPUTS, type Mode, type RunMode} from './inputs.js'

/** Events whose payload carries `pull_request`: PR mode under `mode: auto`. */
export const PULL_REQUEST_EVENTS: readonly string[] = Object.freeze(['pull_request', 'pull_request_target'])

/** What PR mode needs to know about the pull request. */
export interface PullRequestInfo {
  number: number
  /** The PR's head commit: review comments and the check run attach to it. */
  headSha: string
  /**
   * The head branch lives in another repository and the event is
   * `pull_request`: the token is read-only [API-NOTES C3].
   */
  fork: boolean
  /**
   * `pull_request_target`: the token may write, the workspace is the base's;
   * the pull request's files are read through the API as data
   * (`pr-source.ts`).
   */
  target: boolean
  /** The base commit: where a `pull_request_target` run takes its configuration. */
  baseSha: string | undefined
}

/** A `workflow_run` event: the run whose publish data the publish mode posts. */
export interface WorkflowRunInfo {
  /** The event that started that run (`pull_request` for the two-stage workflow). */
  event: string
  /** The commit that run linted: trusted, unlike the artifact. */
  headSha: string
}

/** The triggering event. */
export interface ActionEvent {
  name: string
  pullRequest: PullRequestInfo | undefined
  /** `workflow_run` events only. */
  workflowRun?: WorkflowRunInfo
}

/**
 * Parse an event payload.
 *
 * @param name `GITHUB_EVENT_NAME`
 * @param payload the parsed JSON of `GITHUB_EVENT_PATH` (or undefined)
 * @returns the event, with the pull request when the payload has one
 */
export function parseEvent(name: string, payload: unknown): ActionEvent {
  const run = field(payload, 'workflow_run')
  const runSha = field(run, 'head_sha')
  const runEvent = field(run, 'event')
  if (name === 'workflow_run' && typeof runSha === 'string' && typeof runEvent === 'string') {
    return {name, pullRequest: undefined, workflowRun: {event: runEvent, headSha: runSha}}
  }
  const pull = field(payload, 'pull_request')
  const number = field(pull, 'number')
  const headSha = field(field(pull, 'head'), 'sha')
  if (typeof number !== 'number' || typeof headSha !== 'string') return {name, pullRequest: undefined}
  const headRepo = field(field(pull, 'head'), 'repo')
  const baseName = field(field(field(pull, 'base'), 'repo'), 'full_name')
  const headName = field(headRepo, 'full_name')
  // `head.repo.fork` alone is not enough: a repository that is itself a
  // fork has it set on its own branches too. A deleted fork has no repo.
  const crossRepository =
    headRepo === null || (typeof headName === 'string' && typeof baseName === 'string' && headName !== baseName)
  const baseSha = field(field(pull, 'base'), 'sha')
  return {
    name,
    pullRequest: {
      number,
      headSha,
      fork: name === 'pull_request' && crossRepository,
      target: name === 'pull_request_target',
      baseSha: typeof baseSha === 'string' && /^[0-9a-f]{40}$/i.test(baseSha) ? baseSha : undefined
    }
  }
}

/**
 * Events on which `mode: auto` scans the list and writes the link-rot issue:
 * a schedule or a maintainer's hand. Every other event without a pull
 * request (`push`, `merge_group`, ...) lints whole files and writes no issue.
 */
export const SCAN_EVENTS: readonly string[] = Object.freeze(['schedule', 'workflow_dispatch'])

/**
 * The mode to run: `auto` is `pr` on pull request events, `scan` on
 * `SCAN_EVENTS`, `publish` on `workflow_run`, `lint` (whole files, no
 * issue) otherwise.
 *
 * @param mode the `mode` input
 * @param event the triggering event
 * @returns `pr`, `scan`, `lint` or `publish`
 * @throws {InputError} for `mode: pr` without a pull request in the payload
 */
export function resolveMode(mode: Mode, event: ActionEvent): RunMode {
  if (mode === 'scan' || mode === 'lint') return mode
  if (mode === 'publish' || (mode === 'auto' && event.name === 'workflow_run')) {
    if (!event.workflowRun) {
      throw new InputError(
        `Input \`${INPUTS.mode}\` is \`publish\`, but the \`${event.name || 'unknown'}\` event is no workflow_run; ` +
          'run it in a workflow_run job after the pull_request workflow'
      )
    }
    return 'publish'
  }
  if (mode === 'pr') {
    if (!event.pullRequest) {
      throw new InputError(
        `Input \`${INPUTS.mode}\` is \`pr\`, but the \`${event.name || 'unknown'}\` event has no pull request; ` +
          'run on pull_request or pull_request_target, or use `mode: scan`'
      )
    }
    return 'pr'
  }
  if (PULL_REQUEST_EVENTS.includes(event.name) && event.pullRequest) return 'pr'
  return SCAN_EVENTS.includes(event.name) ? 'scan' : 'lint'
}

/**
 * Read the event from the environment.
 *
 * @param env `GITHUB_EVENT_NAME` and `GITHUB_EVENT_PATH`
 * @returns the event (no payload file: no pull request)
 */
export async function readEvent(env: Readonly<Record<string, string | undefined>>): Promise<ActionEvent> {
  const name = env.GITHUB_EVENT_NAME ?? ''
  const file = env.GITHUB_EVENT_PATH
  if (!file) return parseEvent(name, undefined)
  let payload: unknown
  try {
    payload = JSON.parse(await readFile(file, 'utf8')) as unknown
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
    throw new InputError(`cannot read the event payload GITHUB_EVENT_PATH (${file}): ${reason}`)
  }
  return parseEvent(name, payload)
}

/**
 * `owner/repo` from `GITHUB_REPOSITORY`.
 *
 * @param value the variable's value
 * @returns owner and repository
 * @throws {InputError} when unset or malformed
 */
export function parseRepository(value: string | undefined): {owner: string; repo: string} {
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(value ?? '')
  if (!match) {
    throw new InputError(
      `environment variable GITHUB_REPOSITORY must be owner/repo; got \`${value ?? ''}\` (run paperlint inside GitHub Actions)`
    )
  }
  return {owner: match[1], repo: match[2]}
}

function field(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined
  return (value as Record<string, unknown>)[key]
}
