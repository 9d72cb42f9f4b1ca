/** The metrics live with the trainer (src/nlp/train/metrics.ts): the retrain check needs them too. */
export { binaryMetrics, rocAuc, type BinaryMetrics } from '../src/nlp/train/metrics.js';
