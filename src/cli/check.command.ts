import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { Config } from '../config/config.js';
import type { ClaimCatalog } from '../services/claim-catalog.js';
import { checkText } from '../services/text-check.js';
import type { Nlp } from '../nlp/index.js';

const inputSchema = z.object({ id: z.union([z.string(), z.number()]).transform(String), text: z.string() });

/**
 * `saring check`: JSON Lines in, one JSON line out per input line, in order. Runs the analyze
 * worker's own matching and scoring against the claims in the database; writes nothing.
 */
export async function runCheck(
  config: Config,
  nlp: Nlp,
  catalog: ClaimCatalog,
  input: NodeJS.ReadableStream,
  write: (line: string) => void,
): Promise<number> {
  let count = 0;
  const rl = createInterface({ input, crlfDelay: Infinity });
  for await (const raw of rl) {
    if (!raw.trim()) continue;
    count++;
    let parsed: z.infer<typeof inputSchema> | null;
    try {
      const r = inputSchema.safeParse(JSON.parse(raw));
      parsed = r.success ? r.data : null;
    } catch {
      parsed = null;
    }
    if (!parsed) {
      write(JSON.stringify({ id: null, error: 'expected {"id": "...", "text": "..."}' }));
      continue;
    }
    const result = checkText(nlp, catalog, parsed.text, config.match);
    write(JSON.stringify({ id: parsed.id, hoaxScore: result.hoaxScore, label: result.label, match: result.match, signals: result.signals }));
  }
  return count;
}
