import { describe, expect, it } from 'vitest';
import { renderClaimCard, type CardView } from '../../src/domain/claim-card.js';

const base: CardView = {
  claimId: 42,
  text: 'Air sumur di Desa Limbur tercemar limbah tambang emas, warga dilarang minum',
  reportCount: 5,
  desaCount: 2,
  score: 0.81,
  signals: ['kata berantai: sebarkan'],
  scamCandidate: false,
  similar: [],
  verdict: null,
};

describe('the moderators’ review card', () => {
  it('says how many reports are only suggested, with the dashboard page when the service has an address', () => {
    const card = renderClaimCard({ ...base, suggested: 2, dashboardUrl: 'https://saring.example.go.id/dashboard/claims/42' });
    expect(card).toContain('❓ 2 laporan hanya mirip, belum pasti sama — pastikan di dasbor: https://saring.example.go.id/dashboard/claims/42');
    expect(renderClaimCard({ ...base, suggested: 1 })).toContain('❓ 1 laporan hanya mirip, belum pasti sama — pastikan di dasbor\n');
  });

  it('says nothing about suggestions when there are none', () => {
    const card = renderClaimCard({ ...base, suggested: 0, dashboardUrl: 'https://x.example/dashboard/claims/42' });
    expect(card).not.toContain('hanya mirip');
    expect(card).toContain('Laporan: 5 dari 2 desa/kelurahan');
    expect(card).toContain('Kemungkinan hoaks: TINGGI');
    expect(card).not.toContain('81%');
  });
});
