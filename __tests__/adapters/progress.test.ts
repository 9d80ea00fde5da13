import {Writable} from 'node:stream'
import {createProgressReporter, formatProgress} from '../../src/adapters/progress.js'
import type {Progress} from '../../src/resolve/index.js'

function progress(urls: [number, number], arxiv = 0, github = 0): Progress {
  return {total: {arxiv: 0, github: 0, urls: urls[1]}, requests: {arxiv, github, urls: urls[0]}}
}

class Terminal extends Writable {
  text = ''
  isTTY = true
  columns = 200
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString('utf8')
    done()
  }
}

describe('formatProgress', () => {
  test.each([
    [progress([0, 300]), undefined, true, '[--------------------] 0/300 links · arXiv 0 requests · GitHub 0 requests'],
    [
      progress([150, 300], 1, 2),
      undefined,
      true,
      '[##########----------] 150/300 links · arXiv 1 request · GitHub 2 requests'
    ],
    [
      progress([0, 0], 3),
      {service: 'arxiv' as const, remainingMs: 2900},
      true,
      '[####################] 0/0 links · arXiv 3 requests · GitHub 0 requests · waiting 2.9 s for arXiv API'
    ],
    [
      progress([12, 40], 2, 1),
      {service: 'github' as const, remainingMs: 61000},
      false,
      'links 12/40 · arXiv 2 requests · GitHub 1 request · waiting 61.0 s for GitHub API'
    ],
    [
      progress([41, 40]),
      {service: 'urls' as const, remainingMs: 0},
      false,
      'links 40/40 · arXiv 0 requests · GitHub 0 requests'
    ]
  ])('should say %#', (input, waiting, bar, expected) => {
    expect(formatProgress(input, waiting, bar)).toBe(expected)
  })
})

describe('createProgressReporter', () => {
  test('should redraw one line on a terminal, count the wait down, and erase it when stopped', () => {
    let now = 1000
    const stream = new Terminal()
    const reporter = createProgressReporter({stream, now: () => now})
    reporter.update(progress([1, 10]))
    expect(stream.text).toBe(
      '\r\u001B[2Kpaperlint [##------------------] 1/10 links · arXiv 0 requests · GitHub 0 requests'
    )
    reporter.wait('arxiv', 3000)
    now += 500
    stream.text = ''
    reporter.tick()
    expect(stream.text).toMatch(/^\r\u001B\[2Kpaperlint .* · waiting 2\.5 s for arXiv API$/)
    // Redraws are throttled to one every 100 ms
    stream.text = ''
    reporter.update(progress([2, 10]))
    expect(stream.text).toBe('')
    stream.text = ''
    reporter.stop()
    expect(stream.text).toBe('\r\u001B[2K')
  })

  test('should never draw wider than the terminal', () => {
    const stream = new Terminal()
    stream.columns = 40
    const reporter = createProgressReporter({stream, now: () => 0})
    reporter.update(progress([1, 10]))
    reporter.stop()
    const drawn = stream.text.split('\r\u001B[2K')[1]!
    expect([...drawn].length).toBeLessThan(40)
  })

  test('should print heartbeat lines in a log, only once the network phase has started', () => {
    const stream = new Terminal()
    stream.isTTY = false
    const reporter = createProgressReporter({stream, now: () => 0})
    reporter.tick()
    expect(stream.text).toBe('')
    reporter.update(progress([0, 5]))
    expect(stream.text).toBe('')
    reporter.tick()
    expect(stream.text).toBe('paperlint: links 0/5 · arXiv 0 requests · GitHub 0 requests\n')
    reporter.stop()
    expect(stream.text).toBe('paperlint: links 0/5 · arXiv 0 requests · GitHub 0 requests\n')
  })
})
