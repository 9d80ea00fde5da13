/**
 * ## link-redirected
 *
 * What: a URL whose every redirect hop is permanent (301 or 308): the page
 * has moved for good. Temporary redirects (302, 303, 307) are normal
 * (logins, CDNs, GitHub's `raw` URLs) and not reported.
 *
 * Why: the old URL works until the redirect is dropped; the new one is what
 * the site asks clients to use.
 *
 * Fix: the new URL replaces the old one, when the URL is written plainly
 * (no Markdown escapes) and the new one needs no escaping where it goes.
 * The written `#fragment` is kept when the target has none.
 *
 * Options: none.
 *
 * @example
 *   - [Site](http://old.example.org/project)
 *   // 1:10: Unexpected permanently moved URL `http://old.example.org/project`, expected `https://new.example.org/project`
 */
import type {Document, Link} from '../../types.js'
import type {Rule} from '../rule.js'
import {checkedLinks} from '../../evidence/urls.js'

export const rule: Rule = {
  id: 'link-redirected',
  description: 'Report URLs that redirect permanently (301/308) and suggest the new URL.',
  defaultSeverity: 'notice',
  fixable: true,
  needs: ['urls'],
  examples: [
    {
      markdown: '- [Login](https://example.org/private)\n',
      evidence: {
        urls: new Map([
          [
            'https://example.org/private',
            {
              state: 'found',
              data: {
                status: 200,
                contentType: 'text/html',
                finalUrl: 'https://example.org/login?next=%2Fprivate',
                permanentRedirect: undefined
              }
            }
          ]
        ])
      },
      expected: []
    },
    {
      markdown: '- [Site](http://old.example.org/project) <a href="https://example.org/a">A</a>\n',
      evidence: {
        urls: new Map([
          ['http://old.example.org/project', {state: 'moved', to: 'https://new.example.org/project'}],
          ['https://example.org/a', {state: 'moved', to: 'https://example.org/a/'}]
        ])
      },
      expected: [
        '1:10: Unexpected permanently moved URL `http://old.example.org/project`, expected `https://new.example.org/project`',
        '1:51: Unexpected permanently moved URL `https://example.org/a`, expected `https://example.org/a/`'
      ]
    }
  ],
  *check(context) {
    for (const {document, link, resolution} of checkedLinks(context)) {
      if (resolution.state !== 'moved') continue
      const fix = safeReplacement(document, link, resolution.to)
      yield {
        file: document.file,
        span: link.span,
        message: `Unexpected permanently moved URL \`${link.url}\`, expected \`${resolution.to}\``,
        ...(fix ? {fix: {range: fix, replacement: resolution.to}} : {})
      }
    }
  }
}

/**
 * The range to replace, when replacing it with `to` is certain: the source
 * holds the URL verbatim and `to` contains nothing that would need escaping
 * in a link destination, a table cell or an HTML attribute.
 */
function safeReplacement(document: Document, link: Link, to: string): [number, number] | undefined {
  const range: [number, number] = [link.span.start.offset, link.span.end.offset]
  if (document.source.slice(range[0], range[1]) !== link.url) return undefined
  if (/[\s()<>|"'`\\[\]]/.test(to)) return undefined
  return range
}
