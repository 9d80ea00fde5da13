import {classifyUrl} from '../../src/extract/classify.js'
import {parseArxivId} from '../../src/extract/arxiv-id.js'

describe('parseArxivId', () => {
  test.each([
    ['2305.09781', '2305.09781', undefined],
    ['2305.09781v2', '2305.09781', 2],
    ['0704.0001', '0704.0001', undefined],
    ['1412.7878', '1412.7878', undefined],
    ['1501.00001', '1501.00001', undefined],
    ['hep-th/9901001', 'hep-th/9901001', undefined],
    ['math.GT/0309136', 'math/0309136', undefined],
    ['hep-th/9901001v3', 'hep-th/9901001', 3]
  ])('should accept %s', (raw, id, version) => {
    expect(parseArxivId(raw)).toEqual({ok: true, value: {id, version}})
  })

  test.each([
    ['2305.0978', 'ids from 2015 on have five digits after the dot, not 4'],
    ['1412.12345', 'ids up to 1412 have four digits after the dot, not 5'],
    ['2313.12345', '`13` is not a month'],
    ['0612.1234', 'ids of the form YYMM.NNNNN start in April 2007 (0704)'],
    ['2305.09781v0', 'versions start at `v1`'],
    ['hep-th/0801001', 'old-style ids (archive/YYMMNNN) end in March 2007'],
    ['hep-th/990100', 'old-style ids have seven digits after the slash, not 6'],
    ['2407.11681mini', 'it fits neither `YYMM.NNNNN` nor `archive/YYMMNNN`']
  ])('should reject %s', (raw, reason) => {
    expect(parseArxivId(raw)).toEqual({ok: false, reason})
  })
})

describe('classifyUrl', () => {
  test.each([
    ['https://arxiv.org/abs/2305.09781', '2305.09781', undefined, 'abs'],
    ['http://arxiv.org/abs/2305.09781v3', '2305.09781', 3, 'abs'],
    ['https://arxiv.org/pdf/2305.09781.pdf', '2305.09781', undefined, 'pdf'],
    ['https://arxiv.org/pdf/2305.09781v1', '2305.09781', 1, 'pdf'],
    ['https://arxiv.org/html/2305.09781v2', '2305.09781', 2, 'html'],
    ['https://www.arxiv.org/abs/2305.09781', '2305.09781', undefined, 'abs'],
    ['https://export.arxiv.org/abs/hep-th/9901001', 'hep-th/9901001', undefined, 'abs'],
    ['https://arxiv.org/abs/math.GT/0309136', 'math/0309136', undefined, 'abs'],
    ['https://arxiv.org/abs/arXiv:2305.09781', '2305.09781', undefined, 'abs'],
    ['arXiv:2305.09781', '2305.09781', undefined, 'other'],
    ['https://arxiv.org/abs/2305.09781v2.pdf', '2305.09781', 2, 'abs'],
    ['https://arxiv.org/html/2402.02750v2/', '2402.02750', 2, 'html'],
    ['https://arxiv.org/html/2402.02750v2#S3.F1', '2402.02750', 2, 'html'],
    ['https://arxiv.org/pdf/hep-th/9901001v1.pdf', 'hep-th/9901001', 1, 'pdf'],
    // Legacy query forms (API-NOTES A2, `bare_abs()`)
    ['https://arxiv.org/abs?id=2305.09781', '2305.09781', undefined, 'abs'],
    ['https://arxiv.org/abs?archive=hep-th&papernum=9901001', 'hep-th/9901001', undefined, 'abs'],
    ['https://arxiv.org/abs?hep-th/9901001', 'hep-th/9901001', undefined, 'abs']
  ])('should read the arXiv id of %s', (url, id, version, form) => {
    expect(classifyUrl(url)).toMatchObject({type: 'arxiv', id, version, form})
  })

  test.each([
    ['https://arxiv.org/abs/2305.0978', 'arxiv-malformed'],
    ['https://arxiv.org/abs/', 'arxiv-malformed'],
    ['https://arxiv.org/list/cs.CL/recent', 'web'],
    ['https://arxiv.org/html/2402.02750v2/x1.png', 'web'],
    ['https://arxiv.org/html/2406.12016v1/extracted/5669665/figures/mainfig.png', 'web'],
    ['https://arxiv.org/html/2402.02750/x1.png', 'web'],
    ['https://arxiv.org/html/hep-th/9901001v1/x1.png', 'web'],
    ['https://arxiv.org/a/hinton_g_1', 'web'],
    ['https://arxiv.org/search/?query=kv+cache&searchtype=all', 'web'],
    ['https://arxiv.org/ftp/arxiv/papers/2301/2301.00001.pdf', 'web'],
    ['https://arxiv.org/', 'web'],
    ['https://arxiv.org/html/2407.11681mini/x1.png', 'arxiv-malformed'],
    ['https://arxiv.org/html/2305.0978/x1.png', 'arxiv-malformed'],
    ['https://github.com/IST-DASLab/gptq', 'github'],
    ['https://github.com/topics/llm', 'web'],
    ['https://github.com/advisories/GHSA-jfh8-c2jp-5v3q', 'web'],
    ['https://github.com/stars/octocat/lists/papers', 'web'],
    ['https://github.com/security/advanced-security', 'web'],
    ['https://arxiv.org/abs/hep-th/9901000', 'arxiv-malformed'],
    ['https://arxiv.org/abs?archive=hep-th', 'arxiv-malformed'],
    ['https://github.com/user-attachments/assets/abc', 'web'],
    ['#knowledge-distillation', 'anchor'],
    ['figures/GPTQ.png', 'relative'],
    ['mailto:a@b.c', 'other-scheme'],
    ['', 'empty'],
    ['https://openreview.net/forum?id=x', 'web']
  ])('should classify %s as %s', (url, type) => {
    expect(classifyUrl(url).type).toBe(type)
  })

  test('should read GitHub repository, ref and path', () => {
    expect(classifyUrl('https://github.com/microsoft/LMOps/tree/main/llma')).toEqual({
      type: 'github',
      owner: 'microsoft',
      repo: 'LMOps',
      kind: 'tree',
      ref: 'main',
      path: 'llma'
    })
    expect(classifyUrl('https://github.com/a/b.git')).toMatchObject({repo: 'b', kind: 'repo'})
    expect(classifyUrl('https://github.com/a/b/issues/3')).toMatchObject({kind: 'other'})
  })

  test('should read the repository of a star badge and the text of a static badge', () => {
    expect(classifyUrl('https://img.shields.io/github/stars/IST-DASLab/gptq.svg?style=social&label=Star')).toEqual({
      type: 'stars-badge',
      owner: 'IST-DASLab',
      repo: 'gptq'
    })
    expect(classifyUrl("https://img.shields.io/badge/Conference-ICLR'22-blue")).toEqual({
      type: 'static-badge',
      label: 'Conference',
      message: "ICLR'22"
    })
    expect(classifyUrl('https://img.shields.io/badge/arXiv-2304.05640-b31b1b.svg')).toEqual({
      type: 'static-badge',
      label: 'arXiv',
      message: '2304.05640'
    })
  })

  test('should decode relative paths and keep the fragment', () => {
    expect(classifyUrl('docs/My%20File.md#part-2')).toEqual({
      type: 'relative',
      path: 'docs/My File.md',
      fragment: 'part-2'
    })
  })
})
