import { DEFAULT_THRESHOLDS } from '../src/nlp/match-decision.js';
import { titleTrack, variantTrack } from '../bench/nlp-match.js';
const t0 = performance.now();
const which = process.argv[2] ?? 'title';
const r = which === 'title' ? titleTrack(DEFAULT_THRESHOLDS) : variantTrack(DEFAULT_THRESHOLDS);
const { perKind, falseAutos, ...rest } = r;
console.log(which, JSON.stringify(rest), JSON.stringify(perKind), falseAutos, ((performance.now()-t0)/1000).toFixed(1)+'s');
