import type { PrepareOutcome } from './prepare.service.js';

type Analyzed = 'analyzed' | 'skipped';
export type PipelineOutcome = Exclude<PrepareOutcome, 'prepared'> | Analyzed;

interface Stages {
  prepare: { prepareMany(ids: number[]): Promise<Map<number, PrepareOutcome>> };
  analyze: { analyzeMany(ids: number[]): Promise<Map<number, Analyzed>> };
}

/**
 * Stages 1 and 2 for a batch, one after the other in the same worker pass: prepare (one transaction), then
 * analyse what was not merged (another). They were two queues; the hop between them cost each report a job's
 * Redis round trips and a second wait in line, for nothing a crash needs: a crash between the two leaves the
 * inbound job unfinished, and its retry prepares again (the same result) and analyses. A report that prepare
 * skipped goes to analysis too, which skips it again but re-dispatches the reply of a job that had committed.
 */
export function createReportPipeline(stages: Stages) {
  return {
    async runMany(ids: number[]): Promise<Map<number, PipelineOutcome>> {
      const prepared = await stages.prepare.prepareMany(ids);
      const onward = [...prepared].filter(([, outcome]) => outcome !== 'merged').map(([id]) => id);
      const analyzed = await stages.analyze.analyzeMany(onward);
      const outcomes = new Map<number, PipelineOutcome>();
      for (const id of ids) outcomes.set(id, prepared.get(id) === 'merged' ? 'merged' : (analyzed.get(id) ?? 'skipped'));
      return outcomes;
    },
  };
}

export type ReportPipeline = ReturnType<typeof createReportPipeline>;
