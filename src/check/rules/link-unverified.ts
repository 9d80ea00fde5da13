/**
 * ## link-unverified
 *
 * What: a URL (link or image) that could not be verified after retries: the
 * server rate-limited the check (429), answered 5xx, timed out, refused
 * access, hid behind a bot wall (Cloudflare challenge), or the connection
 * failed. GitHub upload URLs (`user-attachments`) that need a login land
 * here too.
 *
 * arXiv links are verified through the arXiv API (`resolve/arxiv/`): an
 * id the API could not be asked about after retries (429 `Rate exceeded.`,
 * 503, empty answers) is noted here too, never `arxiv-not-found`.
 *
 * A link to a loopback, private, link-local or unspecified address (after
 * DNS resolution, or through a redirect) is never requested unless
 * `allowPrivateHosts` is set: it is noted here as skipped, so that nothing is
 * silently left out.
 *
 * Why: such a link may well work in a browser, so this is never more than a
 * notice; it says why, so that a maintainer can look if it persists.
 *
 * Options: none.
 *
 * @example
 *   - [Blog](https://busy.example.org/post)
 *   // 1:10: Could not verify `https://busy.example.org/post`: the server kept rate-limiting the check (HTTP 429)
 */
import {resolvedArxivLinks} from '../../evidence/arxiv.js'
import type {Rule} from '../rule.js'
import {checkedLinks, UNVERIFIED_REASONS} from '../../evidence/urls.js'

export const rule: Rule = {
  id: 'link-unverified',
  description:
    'Report URLs that could not be verified after retries (rate limits, server errors, timeouts, bot walls) or were skipped as private addresses.',
  defaultSeverity: 'notice',
  fixable: false,
  needs: ['urls', 'arxiv'],
  examples: [
    {
      // Verified, or known broken (link-broken says so): nothing to note
      markdown: '- [Paper](https://journal.example.org/a) [Gone](https://gone.example.org/)\n',
      evidence: {
        urls: new Map([
          [
            'https://journal.example.org/a',
            {
              state: 'found',
              data: {
                status: 200,
                contentType: 'text/html',
                finalUrl: 'https://journal.example.org/a',
                permanentRedirect: undefined
              }
            }
          ],
          ['https://gone.example.org/', {state: 'missing', status: 404}]
        ])
      },
      expected: []
    },
    {
      markdown: '- [Gone](https://gone.example.org/) <http://10.0.0.1/intranet>\n',
      evidence: {
        urls: new Map([
          ['https://gone.example.org/', {state: 'missing', status: 404}],
          ['http://10.0.0.1/intranet', {state: 'skipped', reason: 'private-address'}]
        ])
      },
      expected: [
        '1:38: Skipped `http://10.0.0.1/intranet`: it points to a private address (loopback, private network or link-local), which paperlint does not request unless `allowPrivateHosts` is set'
      ]
    },
    {
      markdown:
        '- [Blog](https://busy.example.org/post)\n- ![Chart](https://cdn.example.org/c.png) [Paper](https://journal.example.org/a)\n',
      evidence: {
        urls: new Map([
          ['https://busy.example.org/post', {state: 'unverified', reason: 'rate-limited', detail: 'HTTP 429'}],
          [
            'https://cdn.example.org/c.png',
            {
              state: 'unverified',
              reason: 'timeout',
              detail: 'timeout: UND_ERR_HEADERS_TIMEOUT: Headers Timeout Error'
            }
          ],
          ['https://journal.example.org/a', {state: 'unverified', reason: 'bot-wall', detail: 'HTTP 403'}]
        ])
      },
      expected: [
        '1:10: Could not verify `https://busy.example.org/post`: the server kept rate-limiting the check (HTTP 429)',
        '2:12: Could not verify `https://cdn.example.org/c.png`: the server did not answer in time',
        '2:51: Could not verify `https://journal.example.org/a`: a bot wall (captcha) blocks automated checks (HTTP 403)'
      ]
    },
    {
      // arXiv ids the arXiv API could not be asked about
      markdown:
        '- [QLoRA](https://arxiv.org/abs/2305.14314) [v2](https://arxiv.org/pdf/2305.14314v2)\n- [Gone](https://arxiv.org/abs/2412.99999)\n',
      evidence: {
        arxiv: new Map([
          ['2305.14314', {state: 'unverified', reason: 'rate-limited', detail: 'HTTP 429'}],
          ['2305.14314@v2', {state: 'unverified', reason: 'rate-limited', detail: 'HTTP 429'}],
          ['2412.99999', {state: 'missing'}]
        ])
      },
      expected: [
        '1:11: Could not verify `https://arxiv.org/abs/2305.14314` with the arXiv API: the server kept rate-limiting the check (HTTP 429)',
        '1:50: Could not verify `https://arxiv.org/pdf/2305.14314v2` with the arXiv API: the server kept rate-limiting the check (HTTP 429)'
      ]
    }
  ],
  *check(context) {
    for (const {document, link, resolution} of checkedLinks(context)) {
      if (resolution.state === 'skipped' && resolution.reason === 'private-address') {
        yield {
          file: document.file,
          span: link.span,
          message:
            `Skipped \`${link.url}\`: it points to a private address (loopback, private network or link-local), ` +
            'which paperlint does not request unless `allowPrivateHosts` is set'
        }
        continue
      }
      if (resolution.state !== 'unverified') continue
      const status = /^HTTP \d{3}/.exec(resolution.detail ?? '')
      const suffix = status ? ` (${status[0]})` : ''
      yield {
        file: document.file,
        span: link.span,
        message: `Could not verify \`${link.url}\`: ${UNVERIFIED_REASONS[resolution.reason]}${suffix}`
      }
    }
    for (const {document, link, resolution} of resolvedArxivLinks(context)) {
      if (resolution.state !== 'unverified') continue
      const status = /^HTTP \d{3}/.exec(resolution.detail ?? '')
      const suffix = status ? ` (${status[0]})` : ''
      yield {
        file: document.file,
        span: link.span,
        message: `Could not verify \`${link.url}\` with the arXiv API: ${UNVERIFIED_REASONS[resolution.reason]}${suffix}`
      }
    }
  }
}
