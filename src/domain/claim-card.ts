import { VERDICT_LABELS, type VerdictCode } from './verdict.js';
import { safeQuote } from './safe-quote.js';
import { bandOf } from './score-band.js';
import { id as t } from './messages/id.js';

export interface CardView {
  claimId: number;
  text: string;
  reportCount: number;
  desaCount: number;
  /** Reports only suggested as this claim; a moderator settles them (buttons on the card, or the dashboard). */
  suggested?: number;
  /** The first few of them, shown with their text so the moderator can judge. */
  suggestions?: Array<{ ticket: string; excerpt: string }>;
  /** Where the dashboard page of this claim is, when the service has a public address. */
  dashboardUrl?: string | null;
  score: number | null;
  /** rendah | sedang | tinggi | tidak_yakin (null: from the score, for claims scored before bands). */
  scoreBand?: string | null;
  signals: string[];
  scamCandidate: boolean;
  similar: Array<{ claimId: number; similarity: number; verdict: VerdictCode | null }>;
  verdict: { verdict: VerdictCode; kind: 'community' | 'official' } | null;
  /** Where the claim came from, as a name ("Desa X, Kab. Y"); null when the reporter has not set a desa. */
  region?: string | null;
  /** The name of the region the claim climbed from. */
  escalatedFrom?: string | null;
  mergedInto?: number | null;
  /** Residents said the answer in force did not help (already worded; see messages `feedbackCardNote`). */
  feedbackNote?: string | null;
}

const MAX_TEXT = 900;
const EXCERPT = 120;

/**
 * The review card moderators see in their chat. Plain text (no markup), so any text a resident
 * forwarded is shown as it is and can never be interpreted by the chat client.
 */
export function renderClaimCard(v: CardView): string {
  const lines = [`KLAIM #${v.claimId}${v.escalatedFrom ? ` (dinaikkan dari ${v.escalatedFrom}, belum diperiksa)` : ''}`, ''];
  // Cards are read in group chats on phones: a scam's link or number must not be one tap away there either.
  lines.push(safeQuote(v.text, MAX_TEXT), '');
  if (v.region !== undefined) lines.push(`Asal: ${v.region ?? 'desa pelapor belum diketahui'}`);
  lines.push(`Laporan: ${v.reportCount} dari ${v.desaCount} desa/kelurahan`);
  if (v.suggested) {
    const shown = v.suggestions ?? [];
    const where = `di dasbor${v.dashboardUrl ? `: ${v.dashboardUrl}` : ''}`;
    if (shown.length === 0) lines.push(`❓ ${v.suggested} laporan hanya mirip, belum pasti sama — pastikan ${where}`);
    else {
      lines.push(`❓ ${v.suggested} laporan hanya mirip, belum pasti sama — pilih ✓ (sama) atau ✗ (bukan, jadikan klaim sendiri):`);
      for (const s of shown) lines.push(`• ${s.ticket}: ${safeQuote(s.excerpt, EXCERPT)}`);
      if (v.suggested > shown.length) lines.push(`  …dan ${v.suggested - shown.length} lainnya ${where}`);
    }
  }
  const band = bandOf(v.scoreBand, v.score);
  if (band) lines.push(t.cardBand[band]);
  if (v.scamCandidate) lines.push('⚠️ Ciri-ciri PENIPUAN terdeteksi');
  const reasons = v.signals.slice(0, 4);
  if (reasons.length) lines.push(t.cardReasons(reasons));
  for (const s of v.similar.slice(0, 3)) {
    lines.push(`Mirip klaim #${s.claimId} (${Math.round(s.similarity * 100)}%)${s.verdict ? ` ${VERDICT_LABELS[s.verdict]}` : ''}`);
  }
  if (v.mergedInto) {
    lines.push('', `Digabung ke klaim #${v.mergedInto}.`);
  } else if (v.verdict) {
    lines.push('', `Sudah diputuskan: ${VERDICT_LABELS[v.verdict.verdict]} (${v.verdict.kind === 'official' ? 'resmi Diskominfo' : 'pengurus KIM'})`);
    if (v.feedbackNote) lines.push(v.feedbackNote, 'Pilih hasil pemeriksaan:');
  } else {
    lines.push('', 'Pilih hasil pemeriksaan:');
  }
  return lines.join('\n');
}

export const CARD_BUTTONS: Array<Array<{ text: string; verdict: VerdictCode | 'same-as' }>> = [
  [
    { text: 'Hoaks', verdict: 'hoaks' },
    { text: 'Penipuan', verdict: 'penipuan' },
  ],
  [
    { text: 'Menyesatkan', verdict: 'menyesatkan' },
    { text: 'Benar', verdict: 'benar' },
  ],
  [
    { text: 'Belum terbukti', verdict: 'belum_terbukti' },
    { text: 'Di luar cakupan', verdict: 'di_luar_cakupan' },
  ],
  [{ text: 'Sama dengan klaim lain…', verdict: 'same-as' }],
];

/** The ✓/✗ pair under a suggested report, on the card and in the question about a late suggestion alike. */
export function suggestionButtons(ticket: string): Array<{ text: string; kind: 'report-confirm' | 'report-detach' }> {
  return [
    { text: `✓ ${ticket} sama`, kind: 'report-confirm' },
    { text: `✗ ${ticket} bukan`, kind: 'report-detach' },
  ];
}
