/**
 * How many entries each list of ../shared/corpus yields (every shape: GFM
 * and HTML table rows, list items, paragraph entries). A change in a count
 * is a change in what paperlint sees of a real list: look at the list, then
 * update the table. Skipped, visibly, where the corpus is absent
 * (`PAPERLINT_CORPUS` names another place).
 */
import type {Document} from '../../src/types.js'
import {corpusDocuments, corpusFiles, describeCorpus} from '../helpers/corpus.js'

/**
 * Corpus file -> entries. Checked by eye: horseee pruning.md and
 * quantization.md (one per table row), tuning.md (one per list item),
 * DmitryRyumin README.md and README_2023.md (HTML tables: one per conference
 * row that links a list, none for group captions, the header-less badge table
 * and the table of contents of section pages).
 */
const EXPECTED: Array<[string, number]> = [
  ['BradyFU__Awesome-Multimodal-Large-Language-Models/README.md', 608],
  ['ChenHsing__Awesome-Video-Diffusion-Models/README.md', 376],
  ['DefTruth__Awesome-LLM-Inference/README.md', 322],
  ['DmitryRyumin__CVPR-2023-24-Papers/README.md', 9],
  ['DmitryRyumin__CVPR-2023-24-Papers/README_2023.md', 9],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/3d-from-multi-view-and-sensors.md', 246],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/3d-from-single-images.md', 91],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/adversarial-attack-and-defense.md', 61],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/biometrics.md', 11],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/computational-imaging.md', 53],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/computer-vision-for-social-good.md', 5],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/computer-vision-theory.md', 5],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/datasets-and-evaluation.md', 54],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/deep-learning-architectures-and-techniques.md', 91],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/document-analysis-and-understanding.md', 12],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/efficient-and-scalable-vision.md', 48],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/embodied-vision-active-agents-simulation.md', 14],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/explainable-ai-for-cv.md', 24],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/humans-face-body-pose-gesture-movement.md', 166],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/image-and-video-synthesis-and-generation.md', 185],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/low-level-vision.md', 126],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/machine-learning-other-than-deep-learning.md', 14],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/medical-and-biological-vision-cell-microscopy.md', 52],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/multimodal-learning.md', 89],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/navigation-and-autonomous-driving.md', 69],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/optimization-methods-other-than-deep-learning.md', 12],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/others.md', 12],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/photogrammetry-and-remote-sensing.md', 8],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/physics-based-vision-and-shape-from-x.md', 12],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/recognition-categorization-detection-retrieval.md', 139],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/robotics.md', 23],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/scene-analysis-and-understanding.md', 54],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/segmentation-grouping-and-shape-analysis.md', 111],
  [
    'DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/self-supervised-or-unsupervised-representation-learning.md',
    71
  ],
  [
    'DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/transfer-meta-low-shot-continual-or-long-tail-learning.md',
    151
  ],
  [
    'DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/transparency-fairness-accountability-privacy-ethics-in-vision.md',
    30
  ],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/video-action-and-event-understanding.md', 82],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/video-low-level-analysis-motion-and-tracking.md', 46],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/vision-and-graphics.md', 32],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/vision-applications-and-systems.md', 35],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2023/main/vision-language-and-reasoning.md', 118],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/3d-from-multi-view-and-sensors.md', 0],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/3d-from-single-images.md', 0],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/adversarial-attack-and-defense.md', 0],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/biometrics.md', 0],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/computational-imaging.md', 0],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/computer-vision-for-social-good.md', 0],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/computer-vision-theory.md', 0],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/datasets-and-evaluation.md', 0],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/deep-learning-architectures-and-techniques.md', 0],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/document-analysis-and-understanding.md', 0],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/efficient-and-scalable-vision.md', 0],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/embodied-vision-active-agents-simulation.md', 0],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/explainable-ai-for-cv.md', 0],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/humans-face-body-pose-gesture-movement.md', 0],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/image-and-video-synthesis-and-generation.md', 160],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/low-level-vision.md', 0],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/machine-learning-other-than-deep-learning.md', 0],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/medical-and-biological-vision-cell-microscopy.md', 0],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/multimodal-learning.md', 0],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/navigation-and-autonomous-driving.md', 0],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/optimization-methods-other-than-deep-learning.md', 0],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/others.md', 0],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/photogrammetry-and-remote-sensing.md', 0],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/physics-based-vision-and-shape-from-x.md', 0],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/recognition-categorization-detection-retrieval.md', 0],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/robotics.md', 0],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/scene-analysis-and-understanding.md', 0],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/segmentation-grouping-and-shape-analysis.md', 0],
  [
    'DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/self-supervised-or-unsupervised-representation-learning.md',
    0
  ],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/transfer-meta-low-shot-continual-or-long-tail-learning.md', 0],
  [
    'DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/transparency-fairness-accountability-privacy-ethics-in-vision.md',
    0
  ],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/video-action-and-event-understanding.md', 0],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/video-low-level-analysis-motion-and-tracking.md', 0],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/vision-and-graphics.md', 0],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/vision-applications-and-systems.md', 0],
  ['DmitryRyumin__CVPR-2023-24-Papers/sections/2024/main/vision-language-and-reasoning.md', 0],
  ['TreeAI-Lab__Awesome-KV-Cache-Management/README.md', 160],
  ['TsinghuaC3I__Awesome-RL-for-LRMs/README.md', 565],
  ['Xnhyacinth__Awesome-LLM-Long-Context-Modeling/README.md', 1525],
  ['dair-ai__ML-Papers-of-the-Week/README.md', 1430],
  ['horseee__Awesome-Efficient-LLM/README.md', 232],
  ['horseee__Awesome-Efficient-LLM/efficient_architecture_llm.md', 28],
  ['horseee__Awesome-Efficient-LLM/efficient_moe.md', 31],
  ['horseee__Awesome-Efficient-LLM/efficient_plm/readme.md', 62],
  ['horseee__Awesome-Efficient-LLM/efficient_training.md', 4],
  ['horseee__Awesome-Efficient-LLM/hardware.md', 55],
  ['horseee__Awesome-Efficient-LLM/inference_acceleration.md', 117],
  ['horseee__Awesome-Efficient-LLM/knowledge_distillation.md', 87],
  ['horseee__Awesome-Efficient-LLM/kv_cache_compression.md', 57],
  ['horseee__Awesome-Efficient-LLM/leaderboard.md', 8],
  ['horseee__Awesome-Efficient-LLM/low_rank_decomposition.md', 15],
  ['horseee__Awesome-Efficient-LLM/project/readme.md', 13],
  ['horseee__Awesome-Efficient-LLM/pruning.md', 134],
  ['horseee__Awesome-Efficient-LLM/quantization.md', 159],
  ['horseee__Awesome-Efficient-LLM/survey.md', 29],
  ['horseee__Awesome-Efficient-LLM/text_compression.md', 39],
  ['horseee__Awesome-Efficient-LLM/tuning.md', 42],
  ['sindresorhus__awesome/readme.md', 684],
  ['xlite-dev__Awesome-LLM-Inference/README.md', 364]
]

describeCorpus('corpus entry counts')('entries per corpus list', () => {
  // The corpus is extracted once per run (helpers/corpus.ts)
  let documents: Map<string, Document>
  beforeAll(async () => {
    documents = await corpusDocuments()
  }, 120_000)

  test('should list every corpus file', () => {
    expect(
      corpusFiles()
        .map((file) => file.split('\\').join('/'))
        .sort()
    ).toEqual(EXPECTED.map(([name]) => name).sort())
  })

  test.each(EXPECTED)('%s: %d entries', (name, expected) => {
    expect(documents.get(name)?.entries).toHaveLength(expected)
  })
})
