/**
 * The host policy at run time (`host-policy.ts` is the data): per-host slots
 * and interval spacing under a global cap, and pauses a host asked for with
 * `Retry-After`. Used by the HTTP client only.
 */
import {policyFor, type HostPolicy} from './host-policy.js'

/** Per-host slots with spacing, under a global cap. */
export interface Limiter {
  policy(host: string): HostPolicy
  /**
   * Run `task` in a host slot, under the global cap, after the interval.
   * With `notAfter`, a task whose turn would come later is not run (and
   * takes no turn): the result is `undefined`.
   */
  run<T>(host: string, task: () => Promise<T>, notAfter?: number): Promise<T | undefined>
  /** Start nothing on the host before `until` (Retry-After). */
  pause(host: string, until: number): void
}

interface HostState {
  policy: HostPolicy
  slots: Semaphore
  /** Earliest start of the next request (interval spacing). */
  nextStart: number
  pausedUntil: number
}

/**
 * Create the limiter of one HTTP client.
 *
 * @param settings the global cap, host policy overrides, clock and sleep
 * @returns per-host slots, spacing and pauses
 */
export function createLimiter(settings: {
  global: number
  policies: Readonly<Record<string, Partial<HostPolicy>>>
  now: () => number
  sleep: (ms: number) => Promise<void>
}): Limiter {
  const global = new Semaphore(settings.global)
  const hosts = new Map<string, HostState>()
  const state = (host: string): HostState => {
    let entry = hosts.get(host)
    if (!entry) {
      const policy = policyFor(host, settings.policies)
      entry = {
        policy,
        slots: new Semaphore(policy.concurrency),
        nextStart: 0,
        pausedUntil: 0
      }
      hosts.set(host, entry)
    }
    return entry
  }
  return {
    policy: (host) => state(host).policy,
    pause(host, until) {
      const entry = state(host)
      entry.pausedUntil = Math.max(entry.pausedUntil, until)
    },
    async run(host, task, notAfter) {
      const entry = state(host)
      await entry.slots.acquire()
      try {
        await global.acquire()
        try {
          // Reserve the start time synchronously, so concurrent waiters on
          // one host are spaced by the interval too.
          const current = settings.now()
          const start = Math.max(current, entry.nextStart, entry.pausedUntil)
          if (notAfter !== undefined && start > notAfter) return undefined
          entry.nextStart = start + entry.policy.intervalMs
          if (start > current) {
            await settings.sleep(start - current)
            // A timer may fire a little early by the wall clock: the rest
            const early = start - settings.now()
            if (early > 0 && early < start - current) await settings.sleep(early)
          }
          return await task()
        } finally {
          global.release()
        }
      } finally {
        entry.slots.release()
      }
    }
  }
}

/** A counting semaphore with FIFO waiters. */
class Semaphore {
  #free: number
  readonly #waiters: Array<() => void> = []

  constructor(size: number) {
    this.#free = size
  }

  acquire(): Promise<void> {
    if (this.#free > 0) {
      this.#free--
      return Promise.resolve()
    }
    return new Promise((resolve) => this.#waiters.push(resolve))
  }

  release(): void {
    const next = this.#waiters.shift()
    if (next) next()
    else this.#free++
  }
}
