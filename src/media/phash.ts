/**
 * A 64-bit perceptual hash (the classic DCT pHash): the picture shrunk to 32×32 grey pixels, its 2-D
 * cosine transform, and one bit per low-frequency coefficient above their median. Re-encoding and
 * resizing move few bits; other pictures differ in about half of them. Pure: the pixels come from sharp.
 */
export const PHASH_SIDE = 32;
const LOW = 8;

/** cos((2x+1)uπ/2N) for every u, x: computed once. */
const COS: Float64Array = (() => {
  const n = PHASH_SIDE;
  const table = new Float64Array(n * n);
  for (let u = 0; u < n; u++) for (let x = 0; x < n; x++) table[u * n + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * n));
  return table;
})();

/** 32×32 grey pixels (row-major, one byte each) → the 64-bit hash. */
export function phashFromPixels(pixels: Uint8Array | Buffer): bigint {
  const n = PHASH_SIDE;
  if (pixels.length !== n * n) throw new RangeError(`expected ${n * n} grey pixels, got ${pixels.length}`);
  // Only the LOW×LOW corner is needed: rows first (u < LOW), then columns (v < LOW).
  const rows = new Float64Array(LOW * n);
  for (let y = 0; y < n; y++) {
    for (let u = 0; u < LOW; u++) {
      let s = 0;
      for (let x = 0; x < n; x++) s += pixels[y * n + x]! * COS[u * n + x]!;
      rows[u * n + y] = s;
    }
  }
  const coeffs = new Float64Array(LOW * LOW);
  for (let u = 0; u < LOW; u++) {
    for (let v = 0; v < LOW; v++) {
      let s = 0;
      for (let y = 0; y < n; y++) s += rows[u * n + y]! * COS[v * n + y]!;
      coeffs[v * LOW + u] = s;
    }
  }
  // The DC term (overall brightness) says nothing about the picture's shape: left out of the median.
  const median = [...coeffs.slice(1)].sort((a, b) => a - b)[(LOW * LOW - 1) >> 1]!;
  let hash = 0n;
  for (let i = 0; i < LOW * LOW; i++) hash = (hash << 1n) | (coeffs[i]! > median ? 1n : 0n);
  return hash;
}

export function hammingDistance(a: bigint, b: bigint): number {
  let x = BigInt.asUintN(64, a ^ b);
  let bits = 0;
  while (x) {
    x &= x - 1n;
    bits++;
  }
  return bits;
}

export const phashToHex = (h: bigint): string => BigInt.asUintN(64, h).toString(16).padStart(16, '0');
export const phashFromHex = (hex: string): bigint => BigInt.asUintN(64, BigInt(`0x${hex}`));
/** PostgreSQL has no unsigned 64-bit integer: the same bits as a signed bigint. */
export const phashToSigned = (h: bigint): bigint => BigInt.asIntN(64, h);
