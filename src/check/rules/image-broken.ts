/**
 * ## image-broken
 *
 * What: an image (Markdown image, `<img src>`, or a definition an image
 * refers to) whose URL answered 404 or 410, or whose host does not resolve.
 * github.com `blob` image URLs are checked in their `raw` form, which is what
 * GitHub displays.
 *
 * Why: a broken figure or badge shows as a broken-image icon in the list.
 *
 * Not reported: rate limits, server errors, timeouts and bot walls
 * (`link-unverified`), GitHub upload URLs (`user-attachments`) that answer
 * 404 to anonymous clients, star badges (checked through the GitHub API).
 *
 * Options: none.
 *
 * @example
 *   ![Figure](https://img.example.org/fig1.png)
 *   // 1:11: Unexpected 404 for image `https://img.example.org/fig1.png`: the image is gone
 */
import type {Rule} from '../rule.js'
import {checkedLinks, missingMessage} from '../../evidence/urls.js'

export const rule: Rule = {
  id: 'image-broken',
  description: 'Report images whose URL answers 404 or 410, or whose host does not resolve.',
  defaultSeverity: 'error',
  fixable: false,
  needs: ['urls'],
  examples: [
    {
      markdown: '![Figure](https://img.example.org/ok.png) [Page](https://gone.example.org/)\n',
      evidence: {
        urls: new Map([
          [
            'https://img.example.org/ok.png',
            {
              state: 'found',
              data: {
                status: 200,
                contentType: 'image/png',
                finalUrl: 'https://img.example.org/ok.png',
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
      markdown:
        '![Figure](https://img.example.org/fig1.png)\n\n<img src="https://cdn.example.invalid/x.svg" width="80">\n',
      evidence: {
        urls: new Map([
          ['https://img.example.org/fig1.png', {state: 'missing', status: 404}],
          ['https://cdn.example.invalid/x.svg', {state: 'missing'}]
        ])
      },
      expected: [
        '1:11: Unexpected 404 for image `https://img.example.org/fig1.png`: the image is gone',
        '3:11: Unexpected unknown host `cdn.example.invalid` for image `https://cdn.example.invalid/x.svg`: the name does not resolve'
      ]
    }
  ],
  *check(context) {
    for (const {document, link, image, resolution} of checkedLinks(context)) {
      if (!image || resolution.state !== 'missing') continue
      yield {
        file: document.file,
        span: link.span,
        message: missingMessage(link.url, resolution.status, 'image')
      }
    }
  }
}
