import type { Db } from '../db/client.js';
import type { Repositories } from '../db/repositories/index.js';
import type { NewRegion } from '../db/repositories/regions.repository.js';
import { isRegionCode, regionLevel } from '../domain/access.js';

export interface RegionImportSummary {
  added: number;
  updated: number;
  unchanged: number;
  rejected: Array<{ line: number; reason: string }>;
  /** Accepted rows whose parent is neither in the file nor already stored. */
  orphans: Array<{ line: number; code: string }>;
}

/** 5,000 rows × 4 columns = 20,000 bind parameters: well under PostgreSQL's 65,535 per statement. */
export const REGION_BATCH_SIZE = 5_000;

/**
 * One CSV record on one line: plain fields, or double-quoted ones with "" as an escaped quote
 * (the Kemendagri list has names like "Lubuk Pakam I,II"). Returns null for an unterminated quote.
 */
export function parseCsvLine(line: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return null;
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      fields.push(value);
      if (i >= line.length) return fields;
      if (line[i] !== ',') return null;
      i++;
    } else {
      const comma = line.indexOf(',', i);
      if (comma < 0) {
        fields.push(line.slice(i));
        return fields;
      }
      fields.push(line.slice(i, comma));
      i = comma + 1;
    }
  }
}

/** The parent of any level (the review ladder's parentRegion stops at the kabupaten; the table does not). */
function parentCodeOf(code: string): string | null {
  const cut = code.lastIndexOf('.');
  return cut < 0 ? null : code.slice(0, cut);
}

export function createRegionsService(deps: { db: Db; repos: Pick<Repositories, 'regions'> }) {
  return {
    /**
     * Import `code,name` lines (an optional header is skipped). Everything valid is written in one
     * transaction of batched upserts, so an interrupted import leaves the table as it was and a
     * second run of the same file changes nothing.
     */
    async importLines(lines: AsyncIterable<string> | Iterable<string>, batchSize = REGION_BATCH_SIZE): Promise<RegionImportSummary> {
      const summary: RegionImportSummary = { added: 0, updated: 0, unchanged: 0, rejected: [], orphans: [] };
      const rows: Array<NewRegion & { line: number }> = [];
      const seen = new Map<string, number>();
      let lineNo = 0;
      for await (const raw of lines) {
        lineNo++;
        const line = raw.replace(/^\uFEFF/, '').trimEnd();
        if (line.trim() === '') continue;
        const fields = parseCsvLine(line);
        if (!fields) {
          summary.rejected.push({ line: lineNo, reason: 'malformed CSV (unterminated quote)' });
          continue;
        }
        const [code = '', name = ''] = fields.map((f) => f.trim());
        if (lineNo === 1 && code.toLowerCase() === 'code') continue;
        if (fields.length !== 2) {
          summary.rejected.push({ line: lineNo, reason: `expected 2 fields (code,name), got ${fields.length}` });
        } else if (!isRegionCode(code)) {
          summary.rejected.push({ line: lineNo, reason: `code "${code.slice(0, 40)}" is not a Kemendagri code (PP, PP.KK, PP.KK.CC or PP.KK.CC.DDDD)` });
        } else if (name === '') {
          summary.rejected.push({ line: lineNo, reason: 'name is empty' });
        } else if (seen.has(code)) {
          summary.rejected.push({ line: lineNo, reason: `duplicate code ${code} (first on line ${seen.get(code)})` });
        } else {
          seen.set(code, lineNo);
          rows.push({ code, name, level: regionLevel(code), parentCode: parentCodeOf(code), line: lineNo });
        }
      }
      await deps.db.transaction(async (tx) => {
        const missing = [...new Set(rows.map((r) => r.parentCode).filter((p): p is string => p !== null && !seen.has(p)))];
        const stored = await deps.repos.regions.existingCodes(missing, tx);
        for (const r of rows) {
          if (r.parentCode && !seen.has(r.parentCode) && !stored.has(r.parentCode)) summary.orphans.push({ line: r.line, code: r.code });
        }
        for (let i = 0; i < rows.length; i += batchSize) {
          const batch = rows.slice(i, i + batchSize).map(({ line: _line, ...region }) => region);
          const { added, updated } = await deps.repos.regions.upsertBatch(batch, tx);
          summary.added += added;
          summary.updated += updated;
        }
      });
      summary.unchanged = rows.length - summary.added - summary.updated;
      return summary;
    },

    byCode: (code: string) => deps.repos.regions.findByCode(code),
    count: () => deps.repos.regions.count(),
  };
}

export type RegionsService = ReturnType<typeof createRegionsService>;
