import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { Config } from '../config/config.js';
import type { ClaimCatalog } from '../services/claim-catalog.js';
import { checkMessage } from '../services/text-check.js';
import type { MediaService } from '../services/media.service.js';
import { phashToHex } from '../media/index.js';
import type { Nlp } from '../nlp/index.js';

const inputSchema = z
  .object({ id: z.union([z.string(), z.number()]).transform(String), text: z.string().optional(), image: z.string().min(1).optional() })
  .refine((x) => x.text !== undefined || x.image !== undefined);

/**
 * `saring check`: JSON Lines in, one JSON line out per input line, in order. Runs the analyze
 * worker's own matching and scoring against the claims in the database; writes nothing. A line with
 * `image` (a path, relative to the working folder) is read and hashed like a forwarded picture.
 */
export async function runCheck(
  config: Config,
  nlp: Nlp,
  catalog: ClaimCatalog,
  input: NodeJS.ReadableStream,
  write: (line: string) => void,
  media?: MediaService,
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
      write(JSON.stringify({ id: null, error: 'expected {"id": "...", "text": "..."} or {"id": "...", "image": "path"}' }));
      continue;
    }
    let picture: { ocrText: string; imageHash: string | null; imageError?: string } | null = null;
    let pictureMatch = null;
    const ocrTexts: string[] = [];
    if (parsed.image) {
      if (!media) throw new Error('check with images needs the media service');
      const bytes = await readFile(resolve(parsed.image)).catch(() => undefined);
      const read = bytes ? await media.readFile(bytes, { keep: false }) : { picture: null, status: 'unreadable' as const };
      if (read.picture) {
        picture = { ocrText: read.picture.ocrText, imageHash: phashToHex(read.picture.phash) };
        ocrTexts.push(read.picture.ocrText);
        pictureMatch = await media.matchKnown([read.picture]);
      } else {
        picture = { ocrText: '', imageHash: null, imageError: bytes ? read.status : 'file not found' };
      }
    }
    const { check } = checkMessage(nlp, catalog, { text: parsed.text ?? '', ocrTexts, pictureMatch }, config.match);
    write(
      JSON.stringify({
        id: parsed.id,
        hoaxScore: check?.hoaxScore ?? 0,
        label: check?.label ?? 'valid',
        band: check?.band ?? 'tidak_yakin',
        match: check?.match ?? null,
        signals: check?.signals ?? [],
        ...(picture ?? {}),
      }),
    );
  }
  return count;
}
