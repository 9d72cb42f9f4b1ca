export const VERDICT_CODES = ['hoaks', 'penipuan', 'menyesatkan', 'belum_terbukti', 'benar', 'di_luar_cakupan'] as const;
export type VerdictCode = (typeof VERDICT_CODES)[number];

export const VERDICT_LABELS: Record<VerdictCode, string> = {
  hoaks: '[HOAKS]',
  penipuan: '[PENIPUAN]',
  menyesatkan: '[MENYESATKAN]',
  belum_terbukti: '[BELUM TERBUKTI]',
  benar: '[BENAR]',
  di_luar_cakupan: '[DI LUAR CAKUPAN]',
};

/** Verdicts that stand without a source link: "not proven yet" and "not a checkable claim" have none to give. */
export const SOURCE_OPTIONAL_VERDICTS: readonly VerdictCode[] = ['belum_terbukti', 'di_luar_cakupan'];
