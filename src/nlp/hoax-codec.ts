/** Compact base64 encodings used by the hoax model file (hoax-model.json). */

export function encodeFloat32(w: Float32Array): string {
  return Buffer.from(w.buffer, w.byteOffset, w.byteLength).toString('base64');
}

export function decodeFloat32(b64: string): Float32Array {
  const buf = Buffer.from(b64, 'base64');
  const out = new Float32Array(buf.byteLength >> 2);
  new Uint8Array(out.buffer).set(buf.subarray(0, out.length * 4));
  return out;
}

/** Unsigned LEB128 varints of non-negative integers, base64. */
export function encodeVarints(values: ArrayLike<number>): string {
  const bytes: number[] = [];
  for (let i = 0; i < values.length; i++) {
    let v = values[i] as number;
    while (v >= 0x80) {
      bytes.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    bytes.push(v);
  }
  return Buffer.from(bytes).toString('base64');
}

export function decodeVarints(b64: string): number[] {
  const buf = Buffer.from(b64, 'base64');
  const out: number[] = [];
  let v = 0;
  let mul = 1;
  for (const byte of buf) {
    v += (byte & 0x7f) * mul;
    if (byte & 0x80) mul *= 128;
    else {
      out.push(v);
      v = 0;
      mul = 1;
    }
  }
  return out;
}
