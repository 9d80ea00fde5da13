/** Title normalization and matching (src/papers/title.ts). */
import * as title from '../../src/papers/title.js'
import {
  isSpecificTitle,
  normalizeTitle,
  plainTitle,
  TITLE_MATCH_THRESHOLD,
  TITLE_SUGGEST_THRESHOLD,
  titleSimilarity,
  titlesMatch
} from '../../src/papers/title.js'

describe('title', () => {
  test('should export its API', () => {
    expect(Object.keys(title).sort()).toEqual([
      'TITLE_MATCH_THRESHOLD',
      'TITLE_SUGGEST_THRESHOLD',
      'isSpecificTitle',
      'normalizeTitle',
      'plainTitle',
      'titleSimilarity',
      'titlesMatch'
    ])
    expect(TITLE_MATCH_THRESHOLD).toBe(0.6)
    expect(TITLE_SUGGEST_THRESHOLD).toBe(0.9)
  })
})

describe('normalizeTitle', () => {
  test.each([
    ['  Attention   Is All\nYou Need. ', 'attention is all you need'],
    ['QLoRA: Efficient Finetuning of Quantized LLMs', 'qlora efficient finetuning of quantized llms'],
    ['$\\alpha$-Bench: \\textbf{Fast} {BERT}', 'alpha bench fast bert'],
    ['α-Bench', 'alpha bench'],
    ['𝛼-Bench', 'alpha bench'],
    ['$\\infty$Bench and ∞-Bench', 'infty bench and infty bench'],
    ['$\\pi_0$: A Vision-Language-Action Flow Model', 'pi 0 a vision language action flow model'],
    ["\\'Ecole na\\\"{i}ve caf\\'e", 'ecole naive cafe'],
    ['École naïve café', 'ecole naive cafe'],
    ['Pre\u2013training \u2014 “quoted” ‘single’ «guillemets»', 'pre training quoted single guillemets'],
    ['ＦＵＬＬＷＩＤＴＨ Ｔｅｘｔ', 'fullwidth text'],
    ['GPT4 and GPT-4 and Qwen2.5-VL', 'gpt 4 and gpt 4 and qwen 2 5 vl'],
    ['R\\&D at 100\\% \\_under', 'r and d at 100 under'],
    ['Mixture-of-Experts & RL + Search', 'mixture of experts and rl plus search'],
    ['🔥 **Bold** `code`', 'bold code'],
    ['', ''],
    ['!!!', '']
  ])('%j -> %j', (input, expected) => {
    expect(normalizeTitle(input)).toBe(expected)
  })
})

describe('plainTitle', () => {
  test.each([
    ['[SpecInfer] SpecInfer: Accelerating LLM Serving(@Peking University etc)', 'SpecInfer: Accelerating LLM Serving'],
    ['$\\alpha$-Bench: \\emph{a}   test', 'alpha -Bench: a test'],
    ['Plain title', 'Plain title']
  ])('%j -> %j', (input, expected) => {
    expect(plainTitle(input)).toBe(expected)
  })
})

describe('titlesMatch', () => {
  test.each([
    ['QLoRA', 'QLoRA: Efficient Finetuning of Quantized LLMs'],
    ['Medusa', 'Medusa: Simple LLM Inference Acceleration Framework with Multiple Decoding Heads'],
    ['Attention is all you need.', 'Attention Is All You Need'],
    // conference vs arXiv wording
    [
      'From Images to Textual Prompts: Zero-shot VQA with Frozen Large Language Models',
      'From Images to Textual Prompts: Zero-Shot Visual Question Answering With Frozen Large Language Models'
    ],
    // list conventions around the title
    ['[Hash Attention] REFORMER: THE EFFICIENT TRANSFORMER(@Google)', 'Reformer: The Efficient Transformer'],
    // compounds written together
    [
      'Multimodal ChainofThought Reasoning in Language Models',
      'Multimodal Chain-of-Thought Reasoning in Language Models'
    ],
    ['Pretraining at scale for retrieval', 'Pre-training at Scale for Retrieval'],
    // a renamed paper that kept its coined name
    [
      'InfLLM: Training-Free Long-Context Extrapolation for LLMs with an Efficient Context Memory',
      'InfLLM: Unveiling the Intrinsic Capacity of LLMs for Understanding Extremely Long Sequences with Training-Free Memory'
    ],
    [
      '$\\infty$Bench: Extending Long Context Evaluation Beyond 100K Tokens',
      '∞Bench: Extending Long Context Evaluation Beyond 100K Tokens'
    ]
  ])('should match %j and %j', (a, b) => {
    expect(titlesMatch(a, b)).toBe(true)
    expect(titlesMatch(b, a)).toBe(true)
  })

  test.each([
    ['Attention Is All You Need', 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding'],
    ['Medusa', 'EAGLE: Speculative Sampling Requires Rethinking Feature Uncertainty'],
    [
      'A Survey on Efficient Inference for Large Language Models',
      'A Survey on Hallucination in Large Vision-Language Models'
    ],
    [
      'Efficient Memory Management for Large Language Model Serving with PagedAttention',
      'Efficient Streaming Language Models with Attention Sinks'
    ],
    ['Position: Scaling laws are not enough', 'Position: Agents need memory'],
    ['', 'Anything'],
    ['Anything', '']
  ])('should not match %j and %j', (a, b) => {
    expect(titlesMatch(a, b)).toBe(false)
  })
})

describe('titleSimilarity', () => {
  test('should be 1 for the same title written differently', () => {
    expect(titleSimilarity('QLoRA', 'QLoRA: Efficient Finetuning of Quantized LLMs')).toBe(1)
    expect(titleSimilarity('attention is all you need', 'Attention Is All You Need.')).toBe(1)
  })

  test('should be symmetric and between 0 and 1', () => {
    const a = 'SpecInfer: Accelerating Generative LLM Serving with Speculative Inference'
    const b =
      'SpecInfer: Accelerating Large Language Model Serving with Tree-based Speculative Inference and Verification'
    expect(titleSimilarity(a, b)).toBe(titleSimilarity(b, a))
    expect(titleSimilarity(a, b)).toBeGreaterThan(0)
    expect(titleSimilarity(a, b)).toBeLessThan(1)
  })

  test('should give a shared coined name a match but not a suggestion', () => {
    const score = titleSimilarity(
      'CacheGen: Fast Context Loading for Language Model Applications',
      'CacheGen: KV Cache Compression and Streaming for Fast Large Language Model Serving'
    )
    expect(score).toBeGreaterThanOrEqual(TITLE_MATCH_THRESHOLD)
    expect(score).toBeLessThan(TITLE_SUGGEST_THRESHOLD)
  })

  test('should weigh common words less than rare ones', () => {
    const common = titleSimilarity('Efficient Large Language Models', 'Efficient Large Language Models for Pineapples')
    const rare = titleSimilarity('Pineapple Orchard Harvest', 'Pineapple Orchard Harvest Language')
    expect(rare).toBeGreaterThan(common)
  })
})

describe('isSpecificTitle', () => {
  test.each([
    ['vLLM', false],
    ['Medusa', false],
    ['Mamba-2', false],
    ['Eval Tool', false],
    ['The Art of It', false],
    ['Visual Instruction Tuning', true],
    ['Qwen3 Technical Report', true],
    ['[StreamingLLM] Attention Sinks(@Meta AI etc)', false]
  ])('%j -> %j', (input, expected) => {
    expect(isSpecificTitle(input)).toBe(expected)
  })
})
