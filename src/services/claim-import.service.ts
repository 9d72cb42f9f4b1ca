import { createHash } from 'node:crypto';
import { z } from 'zod';
import { VERDICT_CODES } from '../domain/verdict.js';
import { basicNormalize } from '../domain/conversation.js';
import { summaryPrefill } from '../domain/safe-quote.js';
import type { Nlp } from '../nlp/index.js';
import type { ServiceDeps } from './deps.js';

const REGION = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;

export const importedClaimSchema = z.object({
  id: z.string().trim().min(1).max(200),
  text: z.string().trim().min(1, 'text is empty').max(20_000),
  verdict: z.enum(VERDICT_CODES),
  clarification: z.string().trim().min(1, 'clarification is empty').max(5_000),
  sources: z.array(z.url({ protocol: /^https?$/ })).default([]),
  region: z.string().regex(REGION, 'region must be a Kemendagri code like 62 or 62.02.01').nullish(),
});

export interface ImportSummary {
  added: number;
  updated: number;
  rejected: Array<{ line: number; reason: string }>;
}

/**
 * `saring import-claims`: verified claims from fact-checkers or Diskominfo, idempotent on `id`.
 * Imported verdicts are official: they come from the office running Saring.
 */
export function createClaimImportService(deps: Pick<ServiceDeps, 'db' | 'repos'>, nlp: Nlp) {
  return {
    async importLines(lines: AsyncIterable<string> | Iterable<string>): Promise<ImportSummary> {
      const summary: ImportSummary = { added: 0, updated: 0, rejected: [] };
      let lineNo = 0;
      for await (const raw of lines) {
        lineNo++;
        if (!raw.trim()) continue;
        let json: unknown;
        try {
          json = JSON.parse(raw);
        } catch {
          summary.rejected.push({ line: lineNo, reason: 'not valid JSON' });
          continue;
        }
        const parsed = importedClaimSchema.safeParse(json);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          summary.rejected.push({ line: lineNo, reason: `${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid'}` });
          continue;
        }
        const c = parsed.data;
        const basicText = basicNormalize(c.text);
        const created = await deps.db.transaction(async (tx) => {
          const { claim, created } = await deps.repos.claims.upsertImported(
            {
              externalId: c.id,
              text: c.text,
              // The importer vouches for the catalogue; what is published is still masked and defanged.
              summary: summaryPrefill(c.text),
              basicText,
              basicHash: createHash('sha256').update(basicText).digest('hex'),
              normalizedText: nlp.normalize(c.text).text,
              regionCode: c.region ?? null,
            },
            tx,
          );
          const current = await deps.repos.claims.currentVerdict(claim.id, tx);
          const same =
            current &&
            current.verdict === c.verdict &&
            current.clarification === c.clarification &&
            JSON.stringify(current.sources) === JSON.stringify(c.sources);
          if (!same) {
            await deps.repos.verdicts.replaceCurrent(
              { claimId: claim.id, verdict: c.verdict, kind: 'official', clarification: c.clarification, sources: c.sources, staffId: null },
              tx,
            );
          }
          return created;
        });
        if (created) summary.added++;
        else summary.updated++;
      }
      return summary;
    },
  };
}
