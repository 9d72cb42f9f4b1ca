import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Of, type MediaStore } from '../../src/media/index.js';

/** What each store's test file provides: a fresh, empty store, and how to end it. */
export interface MediaStoreHarness {
  store: MediaStore;
  stop(): Promise<void>;
}

/**
 * What every MediaStore means, run against each implementation (disk, S3-compatible): callers — intake,
 * the dashboard, `/hapus` and the retention purge — rely on exactly this and nothing store-specific.
 */
export function describeMediaStore(name: string, make: () => Promise<MediaStoreHarness>) {
  describe(`MediaStore contract: ${name}`, () => {
    let h: MediaStoreHarness;
    beforeEach(async () => {
      h = await make();
    });
    afterEach(async () => h?.stop());

    it('keeps bytes under their SHA-256 and gives the same bytes back', async () => {
      const bytes = randomBytes(200_000);
      const kept = await h.store.put(bytes, { contentType: 'image/jpeg' });
      expect(kept).toEqual({ sha256: sha256Of(bytes), size: bytes.length });
      expect(await h.store.has(kept.sha256)).toBe(true);
      const back = await h.store.get(kept.sha256);
      expect(back?.equals(bytes)).toBe(true);
    });

    it('keeps the same content once: a second put is harmless and answers the same', async () => {
      const bytes = Buffer.from('poster bansos yang sama, diteruskan lagi');
      const first = await h.store.put(bytes);
      const second = await h.store.put(Buffer.from(bytes));
      expect(second).toEqual(first);
      expect((await h.store.get(first.sha256))?.equals(bytes)).toBe(true);
    });

    it('keeps an empty file too', async () => {
      const kept = await h.store.put(Buffer.alloc(0));
      expect(kept.size).toBe(0);
      expect((await h.store.get(kept.sha256))?.length).toBe(0);
    });

    it('answers undefined and false for content never kept', async () => {
      const sha = sha256Of(randomBytes(32));
      expect(await h.store.get(sha)).toBeUndefined();
      expect(await h.store.has(sha)).toBe(false);
    });

    it('deletes content, and deleting it again (or content never kept) is fine', async () => {
      const a = await h.store.put(randomBytes(1000));
      const b = await h.store.put(randomBytes(1000));
      await h.store.delete(a.sha256);
      expect(await h.store.get(a.sha256)).toBeUndefined();
      expect(await h.store.has(a.sha256)).toBe(false);
      await h.store.delete(a.sha256);
      await h.store.delete(sha256Of(randomBytes(8)));
      // Only what was named goes.
      expect(await h.store.has(b.sha256)).toBe(true);
      // Deleted content can be kept again (a new resident forwards the same poster after an erasure).
      const again = await h.store.put((await h.store.get(b.sha256))!);
      expect(again.sha256).toBe(b.sha256);
    });

    it('refuses names that are not SHA-256 hex digests, before touching anything', async () => {
      for (const bad of ['../../etc/passwd', 'ABCDEF'.repeat(10) + 'ABCD', 'ab/cd', '', 'g'.repeat(64)]) {
        await expect(h.store.get(bad)).rejects.toThrow(/sha256/);
        await expect(h.store.has(bad)).rejects.toThrow(/sha256/);
        await expect(h.store.delete(bad)).rejects.toThrow(/sha256/);
      }
    });

    it('serves concurrent puts of the same and of different content', async () => {
      const same = randomBytes(5000);
      const others = Array.from({ length: 6 }, () => randomBytes(3000));
      const results = await Promise.all([...Array.from({ length: 4 }, () => h.store.put(same)), ...others.map((o) => h.store.put(o))]);
      expect(new Set(results.slice(0, 4).map((r) => r.sha256)).size).toBe(1);
      for (const o of [same, ...others]) expect((await h.store.get(sha256Of(o)))?.equals(o)).toBe(true);
    });
  });
}
