/**
 * How a region is shown to people: its name with its parents, never the bare Kemendagri code.
 * Pure: takes the region and its ancestors as stored in the `regions` table (names as Kemendagri
 * publishes them: provinsi "Jambi", kabupaten "Kabupaten Merangin" / "Kota Jambi", kecamatan
 * "Pamenang Barat", desa/kelurahan "Limbur Merangin").
 */
export interface RegionNameRow {
  code: string;
  name: string;
  level: number;
}

/** Desa codes start with 2, kelurahan codes with 1 (Permendagri 72/2019). */
function desaKind(code: string): 'Desa' | 'Kel.' {
  const last = code.slice(code.lastIndexOf('.') + 1);
  return last.startsWith('1') ? 'Kel.' : 'Desa';
}

/** "Kabupaten Merangin" → "Kab. Merangin", "Kota Administrasi Jakarta Pusat" → "Kota Adm. Jakarta Pusat". */
export function shortKabupaten(name: string): string {
  return name
    .replace(/^Kabupaten\s+/i, 'Kab. ')
    .replace(/^Kota Administrasi\s+/i, 'Kota Adm. ')
    .replace(/^Kab\.\s*/i, 'Kab. ');
}

/** One level on its own, with its kind: "Desa Limbur Merangin", "Kec. Pamenang Barat", "Kab. Merangin", "Prov. Jambi". */
export function levelLabel(row: RegionNameRow): string {
  switch (row.level) {
    case 1:
      return `Prov. ${row.name}`;
    case 2:
      return shortKabupaten(row.name);
    case 3:
      return `Kec. ${row.name}`;
    default:
      return `${desaKind(row.code)} ${row.name}`;
  }
}

export interface LabelOptions {
  /** Short form for tight places (buttons, card headers): the region and its kabupaten only. */
  short?: boolean;
}

/**
 * `chain` is the region first, then its parents (any order is accepted; sorted by level here).
 * Full: "Desa Limbur Merangin, Kec. Pamenang Barat, Kab. Merangin" (the provinsi only for a kabupaten
 * or provinsi itself: "Kab. Merangin, Prov. Jambi"). Short: "Desa Limbur Merangin, Kab. Merangin".
 * Falls back to the code when the region is not in the table (regions not imported yet).
 */
export function regionLabel(code: string, chain: readonly RegionNameRow[], options: LabelOptions = {}): string {
  const byLevel = [...chain].sort((a, b) => b.level - a.level);
  const self = byLevel.find((r) => r.code === code);
  if (!self) return code;
  const parents = byLevel.filter((r) => r.level < self.level);
  const kab = parents.find((r) => r.level === 2);
  const kec = parents.find((r) => r.level === 3);
  const prov = parents.find((r) => r.level === 1);
  const parts = [levelLabel(self)];
  if (options.short) {
    if (self.level > 2 && kab) parts.push(levelLabel(kab));
    else if (self.level === 2 && prov) parts.push(levelLabel(prov));
    return parts.join(', ');
  }
  if (self.level === 4 && kec) parts.push(levelLabel(kec));
  if (self.level >= 3 && kab) parts.push(levelLabel(kab));
  if (self.level === 2 && prov) parts.push(levelLabel(prov));
  return parts.join(', ');
}

/** The code and every ancestor code: "15.02.13.2005" → ["15.02.13.2005", "15.02.13", "15.02", "15"]. */
export function codeWithAncestors(code: string): string[] {
  const parts = code.split('.');
  return parts.map((_, i) => parts.slice(0, parts.length - i).join('.'));
}
