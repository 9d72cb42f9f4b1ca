import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { hammingDistance, matchPicture, perceptualHash, phashFromHex, phashFromPixels, phashToHex, checkImage, DEFAULT_MEDIA_LIMITS } from '../../../src/media/index.js';
import { animatedGif, corruptJpeg, forwardedCopy, pngBomb, poster } from '../../fixtures/media/pictures.js';

describe('perceptual hash', () => {
  it('is stable under re-encoding and resizing, and far from an unrelated picture', async () => {
    const a = poster(['Bantuan sosial Rp 2,5 juta', 'cair lewat link pendaftaran']);
    const h = await perceptualHash(a, DEFAULT_MEDIA_LIMITS);
    const reencoded = await perceptualHash(await sharp(a).resize(500).jpeg({ quality: 30 }).toBuffer(), DEFAULT_MEDIA_LIMITS);
    expect(hammingDistance(h, reencoded)).toBeLessThanOrEqual(4);
    const photo = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#88aa33' } })
      .composite([{ input: await sharp({ create: { width: 120, height: 200, channels: 3, background: '#000000' } }).png().toBuffer(), left: 0, top: 0 }])
      .png()
      .toBuffer();
    expect(hammingDistance(h, await perceptualHash(photo, DEFAULT_MEDIA_LIMITS))).toBeGreaterThanOrEqual(19);
  });

  it('round-trips through hex and is 64 bits', () => {
    const pixels = Buffer.alloc(32 * 32);
    for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 37) % 256;
    const h = phashFromPixels(pixels);
    expect(phashToHex(h)).toMatch(/^[0-9a-f]{16}$/);
    expect(phashFromHex(phashToHex(h))).toBe(h);
    expect(hammingDistance(h, h ^ 0b1011n)).toBe(3);
  });
});

describe('matchPicture: a hash only nominates a picture with much text', () => {
  const known = [{ claimId: 7, phash: 0xf0f0f0f0f0f0f0f0n, ocrText: 'BREAKING NEWS bantuan sosial juta cair lewat link pendaftaran daftar sebelum November' }];

  it('confirms a text-heavy copy whose words agree, even some bits away', () => {
    const m = matchPicture({ phash: 0xf0f0f0f0f0f0f0f0n ^ 0xffffn, ocrText: 'BREAKING NEWS Bantuan sosial Rp 2,5 juta cair lewat link pendaftaran daftar sebelum Novembar' }, known);
    expect(m).toMatchObject({ claimId: 7, distance: 16, confirmedByText: true });
  });

  it('refuses a same-template poster with other words, however close the hash', () => {
    expect(matchPicture({ phash: 0xf0f0f0f0f0f0f0f0n ^ 0b11n, ocrText: 'BREAKING NEWS vaksin booster gratis untuk lansia di puskesmas terdekat' }, known)).toBeNull();
  });

  it('lets a photo without text match on a near-identical hash only', () => {
    const photos = [{ claimId: 3, phash: 0x123456789abcdefn, ocrText: '' }];
    expect(matchPicture({ phash: 0x123456789abcdefn ^ 0b111n, ocrText: '' }, photos)).toMatchObject({ claimId: 3, confirmedByText: false });
    expect(matchPicture({ phash: 0x123456789abcdefn ^ 0xfffn, ocrText: '' }, photos)).toBeNull();
  });
});

describe('checkImage: limits answered from the header', () => {
  it('refuses a PNG bomb without decoding, a corrupt JPEG, an animated GIF and an oversized file', async () => {
    expect(await checkImage(pngBomb(), DEFAULT_MEDIA_LIMITS)).toEqual({ ok: false, status: 'too_many_pixels' });
    expect(await checkImage(await corruptJpeg(), DEFAULT_MEDIA_LIMITS)).toEqual({ ok: false, status: 'unreadable' });
    expect(await checkImage(await animatedGif(), DEFAULT_MEDIA_LIMITS)).toEqual({ ok: false, status: 'animated' });
    const copy = await forwardedCopy(poster(['x y z']));
    expect(await checkImage(copy, { ...DEFAULT_MEDIA_LIMITS, maxBytes: copy.length - 1 })).toEqual({ ok: false, status: 'too_large' });
    expect(await checkImage(copy, DEFAULT_MEDIA_LIMITS)).toMatchObject({ ok: true, mime: 'image/jpeg' });
  });
});
