/**
 * ## link-broken
 *
 * What: a link (not an image) whose URL answered 404 or 410, or whose host
 * name does not resolve.
 *
 * Why: dead links are the most common defect of curated lists, and GitHub
 * renders them without complaint.
 *
 * Not reported: rate limits, server errors, timeouts and bot walls (those are
 * `link-unverified` notices), GitHub upload URLs that need a login, arXiv
 * papers, repository pages and star badges (verified through their APIs by
 * other rules), images (`image-broken`). A reference link is reported once,
 * at its definition.
 *
 * Options: none.
 *
 * @example
 *   - [Project](https://gone.example.org/page)
 *   // 1:13: Unexpected 404 for `https://gone.example.org/page`: the page is gone
 */
import type {Rule} from '../rule.js'
import {checkedLinks, missingMessage} from '../../evidence/urls.js'

export const rule: Rule = {
  id: 'link-broken',
  description: 'Report links whose URL answers 404 or 410, or whose host does not resolve.',
  defaultSeverity: 'error',
  fixable: false,
  needs: ['urls'],
  examples: [
    {
      markdown: '- [Project](https://ok.example.org/) [Slow](https://slow.example.org/)\n',
      evidence: {
        urls: new Map([
          [
            'https://ok.example.org/',
            {
              state: 'found',
              data: {
                status: 200,
                contentType: 'text/html',
                finalUrl: 'https://ok.example.org/',
                permanentRedirect: undefined
              }
            }
          ],
          ['https://slow.example.org/', {state: 'unverified', reason: 'timeout'}]
        ])
      },
      expected: []
    },
    {
      markdown:
        '- [Project](https://gone.example.org/page)\n- [Blog][blog] and [again][blog]\n\n[blog]: https://blog.example.invalid/post\n',
      evidence: {
        urls: new Map([
          ['https://gone.example.org/page', {state: 'missing', status: 404}],
          ['https://blog.example.invalid/post', {state: 'missing'}]
        ])
      },
      expected: [
        '1:13: Unexpected 404 for `https://gone.example.org/page`: the page is gone',
        '4:9: Unexpected unknown host `blog.example.invalid` for `https://blog.example.invalid/post`: the name does not resolve'
      ]
    }
  ],
  *check(context) {
    for (const {document, link, image, resolution} of checkedLinks(context)) {
      if (image || resolution.state !== 'missing') continue
      yield {
        file: document.file,
        span: link.span,
        message: missingMessage(link.url, resolution.status, 'page')
      }
    }
  }
}
