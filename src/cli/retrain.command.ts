import type { RetrainOptions, RetrainResult } from '../services/hoax-model.service.js';
import { retrainHoaxModel } from '../services/hoax-model.service.js';
import type { Repositories } from '../db/repositories/index.js';
import type { CheckMetrics } from '../nlp/train/check.js';

/** Exit code of a refused candidate: not an error, but scripts should see the model did not change. */
export const REFUSED_EXIT = 3;

function line(name: string, m: CheckMetrics | null): string {
  if (!m) return `  ${name}: –`;
  const local = m.localAccuracy === null ? 'no held-out local verdicts' : `local accuracy ${m.localAccuracy} (n=${m.n.local})`;
  return `  ${name}: messages macro-F1 ${m.messagesMacroF1} recall ${m.messagesRecall} accuracy ${m.messagesAccuracy}; everyday false hoaks ${m.everydayFalseHoaks}; ${local}`;
}

/** `saring retrain`: refit on corpus + local verdicts; the new model goes live only if the held-out check passes. */
export async function runRetrain(repos: Pick<Repositories, 'hoaxModels'>, opts: RetrainOptions, print: (line: string) => void): Promise<number> {
  const result: RetrainResult = await retrainHoaxModel(repos, { ...opts, log: print });
  print(line(`candidate ${result.candidateVersion}`, result.candidate));
  print(line(`live      ${result.liveVersion}`, result.live));
  if (result.outcome === 'unchanged') print(`unchanged: training gave the live model ${result.liveVersion} again`);
  else if (result.outcome === 'activated') print(`live model is now ${result.candidateVersion} (previous ${result.liveVersion} kept)`);
  else print(`refused ${result.candidateVersion}: ${result.worse.join('; ')}; ${result.liveVersion} stays live`);
  return result.outcome === 'refused' ? REFUSED_EXIT : 0;
}
