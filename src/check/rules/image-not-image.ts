/**
 * ## image-not-image
 *
 * What: an image URL that answers, but not with an image content type
 * (`image/*`, SVG included): typically an HTML page, such as a github.com
 * `blob` page behind a proxy, a file-sharing page or a login wall.
 *
 * Why: GitHub's image proxy (Camo) passes only image content types, so the
 * list shows a broken-image icon although the URL "works" (API-NOTES B4).
 *
 * Not reported: answers without a content type, star badges.
 *
 * Options: none.
 *
 * @example
 *   ![Figure](https://drive.example.org/view?id=1)
 *   // 1:11: Unexpected content type `text/html` for image `https://drive.example.org/view?id=1`, expected an image type
 */
import {isImageType} from '../../evidence/urls.js'
import type {Rule} from '../rule.js'
import {checkedLinks} from '../../evidence/urls.js'

export const rule: Rule = {
  id: 'image-not-image',
  description: 'Report image URLs that answer with something else than an image (an HTML page).',
  defaultSeverity: 'error',
  fixable: false,
  needs: ['urls'],
  examples: [
    {
      markdown: '![Badge](https://img.example.org/badge.svg) [Page](https://www.example.org/)\n',
      evidence: {
        urls: new Map([
          [
            'https://img.example.org/badge.svg',
            {
              state: 'found',
              data: {
                status: 200,
                contentType: 'image/svg+xml;charset=utf-8',
                finalUrl: 'https://img.example.org/badge.svg',
                permanentRedirect: undefined
              }
            }
          ],
          [
            'https://www.example.org/',
            {
              state: 'found',
              data: {
                status: 200,
                contentType: 'text/html',
                finalUrl: 'https://www.example.org/',
                permanentRedirect: undefined
              }
            }
          ]
        ])
      },
      expected: []
    },
    {
      markdown: '![Figure](https://drive.example.org/view?id=1)\n',
      evidence: {
        urls: new Map([
          [
            'https://drive.example.org/view?id=1',
            {
              state: 'found',
              data: {
                status: 200,
                contentType: 'text/html; charset=utf-8',
                finalUrl: 'https://drive.example.org/view?id=1',
                permanentRedirect: undefined
              }
            }
          ]
        ])
      },
      expected: [
        '1:11: Unexpected content type `text/html` for image `https://drive.example.org/view?id=1`, expected an image type'
      ]
    }
  ],
  *check(context) {
    for (const {document, link, image, resolution} of checkedLinks(context)) {
      if (!image) continue
      if (resolution.state !== 'found' && resolution.state !== 'moved') continue
      const contentType = resolution.data?.contentType
      if (contentType === undefined || isImageType(contentType)) continue
      const type = contentType.split(';')[0].trim().toLowerCase()
      yield {
        file: document.file,
        span: link.span,
        message: `Unexpected content type \`${type}\` for image \`${link.url}\`, expected an image type`
      }
    }
  }
}
