import { describe, expect, it } from 'vitest';
import { codeWithAncestors, regionLabel, type RegionNameRow } from '../../src/domain/region-label.js';

const chain: RegionNameRow[] = [
  { code: '15', name: 'Jambi', level: 1 },
  { code: '15.02', name: 'Kabupaten Merangin', level: 2 },
  { code: '15.02.13', name: 'Pamenang Barat', level: 3 },
  { code: '15.02.13.2002', name: 'Limbur Merangin', level: 4 },
  { code: '15.02.13.1001', name: 'Pasar Pamenang', level: 4 },
];

describe('regionLabel', () => {
  it('names a desa with its kecamatan and kabupaten', () => {
    expect(regionLabel('15.02.13.2002', chain)).toBe('Desa Limbur Merangin, Kec. Pamenang Barat, Kab. Merangin');
    expect(regionLabel('15.02.13.2002', chain, { short: true })).toBe('Desa Limbur Merangin, Kab. Merangin');
  });
  it('calls a kelurahan a kelurahan', () => {
    expect(regionLabel('15.02.13.1001', chain)).toBe('Kel. Pasar Pamenang, Kec. Pamenang Barat, Kab. Merangin');
  });
  it('names higher levels with their parents', () => {
    expect(regionLabel('15.02.13', chain)).toBe('Kec. Pamenang Barat, Kab. Merangin');
    expect(regionLabel('15.02', chain)).toBe('Kab. Merangin, Prov. Jambi');
    expect(regionLabel('15', chain)).toBe('Prov. Jambi');
  });
  it('falls back to the code for a region that is not imported', () => {
    expect(regionLabel('99.01', chain)).toBe('99.01');
  });
  it('lists a code and its ancestors', () => {
    expect(codeWithAncestors('15.02.13.2002')).toEqual(['15.02.13.2002', '15.02.13', '15.02', '15']);
  });
});
