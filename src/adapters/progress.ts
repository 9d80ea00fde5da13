/**
 * Progress of the network phase on stderr: on a terminal, one line redrawn in
 * place (a bar with the links checked out of the total, the API requests, and
 * what the run waits for); elsewhere (CI logs), a heartbeat line every 15 s,
 * so that a long arXiv queue never looks like a hang.
 */
import {SERVICES, type Progress} from '../resolve/index.js'
import type {ServiceId} from '../types.js'

/** What the run waits for, when it does. */
export interface Waiting {
  service: ServiceId
  /** Time left, in ms. */
  remainingMs: number
}

/** Display names, from the service table. */
const SERVICE_NAMES = new Map<ServiceId, string>(SERVICES.map((service) => [service.id, service.name]))

/**
 * One progress line: `[######------] 120/300 links · arXiv 3 requests ·
 * GitHub 2 requests · waiting 2.9 s for arXiv`.
 *
 * @param progress totals and finished requests
 * @param waiting the longest wait in progress, if any
 * @param bar whether to draw the bar (terminal) or say `links 120/300` (logs)
 * @returns the line, without a line break
 */
export function formatProgress(progress: Progress, waiting: Waiting | undefined, bar: boolean): string {
  const {requests, total} = progress
  const done = Math.min(requests.urls, total.urls)
  const parts: string[] = []
  if (bar) {
    const cells = 20
    const filled = total.urls === 0 ? cells : Math.round((done / total.urls) * cells)
    parts.push(`[${'#'.repeat(filled)}${'-'.repeat(cells - filled)}] ${done}/${total.urls} links`)
  } else {
    parts.push(`links ${done}/${total.urls}`)
  }
  parts.push(`arXiv ${plural(requests.arxiv, 'request')}`, `GitHub ${plural(requests.github, 'request')}`)
  let line = parts.join(' · ')
  if (waiting && waiting.remainingMs > 0) {
    line += ` · waiting ${(waiting.remainingMs / 1000).toFixed(1)} s for ${SERVICE_NAMES.get(waiting.service) ?? waiting.service}`
  }
  return line
}

/** Options of {@link createProgressReporter}. */
export interface ProgressReporterOptions {
  stream: NodeJS.WritableStream & {isTTY?: boolean; columns?: number}
  /** Heartbeat period when the stream is not a terminal (default: 15000). */
  heartbeatMs?: number
  /** Clock (tests). */
  now?: () => number
}

/** The reporter the run feeds. */
export interface ProgressReporter {
  /** A request finished, or the totals are known. */
  update(progress: Progress): void
  /** The run starts waiting `ms` for a service (rate limit, spacing, backoff). */
  wait(service: ServiceId, ms: number): void
  /** Redraw (terminal) or print the heartbeat (logs); timers call it. */
  tick(): void
  /** Stop the timers and erase the line. */
  stop(): void
}

/**
 * Create the progress reporter for stderr.
 *
 * @param options the stream, heartbeat period, clock
 * @returns the reporter; its timers never keep the process alive
 */
export function createProgressReporter(options: ProgressReporterOptions): ProgressReporter {
  const {stream} = options
  const tty = stream.isTTY === true
  const now = options.now ?? Date.now
  let latest: Progress | undefined
  const waits = new Map<ServiceId, number>()
  let shown = false
  let lastDraw = -Infinity
  let timer: NodeJS.Timeout | undefined

  const waiting = (): Waiting | undefined => {
    let longest: Waiting | undefined
    const current = now()
    for (const [service, until] of waits) {
      const remainingMs = until - current
      if (remainingMs > 0 && (!longest || remainingMs > longest.remainingMs)) {
        longest = {service, remainingMs}
      }
    }
    return longest
  }

  const start = () => {
    if (timer) return
    timer = setInterval(() => reporter.tick(), tty ? 250 : (options.heartbeatMs ?? 15000))
    timer.unref()
  }

  const reporter: ProgressReporter = {
    update(progress) {
      latest = {total: {...progress.total}, requests: {...progress.requests}}
      start()
      if (tty && now() - lastDraw >= 100) reporter.tick()
    },
    wait(service, ms) {
      const until = now() + ms
      if ((waits.get(service) ?? 0) < until) waits.set(service, until)
      start()
      if (tty) reporter.tick()
    },
    tick() {
      if (!latest) return
      const line = formatProgress(latest, waiting(), tty)
      if (tty) {
        // Never wider than the terminal: a wrapped line cannot be redrawn
        const columns = Math.max((stream.columns ?? 80) - 1, 20)
        stream.write(`\r\u001B[2Kpaperlint ${[...line].slice(0, columns - 10).join('')}`)
        shown = true
        lastDraw = now()
      } else {
        stream.write(`paperlint: ${line}\n`)
      }
    },
    stop() {
      if (timer) clearInterval(timer)
      timer = undefined
      if (shown) stream.write('\r\u001B[2K')
      shown = false
    }
  }
  return reporter
}

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`
}
