import { describe, expect, it } from 'vitest';
import {
  certaintyOf,
  fitsQualifier,
  nameSplits,
  planChoices,
  queryWords,
  takeWithoutAsking,
  OUTSIDE_HOME,
  type DesaMatch,
} from '../../src/domain/desa-search.js';

const desa = (code: string, name: string, kecamatan: string, kabupaten: string, provinsi: string): DesaMatch => ({ code, name, kecamatan, kabupaten, provinsi });
const CIANJUR = desa('32.03.03.2013', 'Sukamaju', 'Cibeber', 'Kabupaten Cianjur', 'Jawa Barat');
const SUKABUMI = desa('32.02.10.2006', 'Sukamaju', 'Cikembar', 'Kabupaten Sukabumi', 'Jawa Barat');
const LIMBUR = desa('15.02.13.2005', 'Simpang Limbur Merangin', 'Pamenang Barat', 'Kabupaten Merangin', 'Jambi');

describe('reading what a resident typed', () => {
  it('drops "desa"/"kel." in front and punctuation', () => {
    expect(queryWords('Desa Sukamaju, Kab. Cianjur')).toEqual(['sukamaju', 'kab.', 'cianjur']);
    expect(queryWords('  kel.   Simpang  Limbur ')).toEqual(['simpang', 'limbur']);
  });

  it('tries the longest name first, the rest as qualifiers without their kind words', () => {
    expect(nameSplits(['sukamaju', 'kab.', 'cianjur'])).toEqual([
      { name: 'sukamaju kab. cianjur', qualifier: [] },
      { name: 'sukamaju kab.', qualifier: ['cianjur'] },
      { name: 'sukamaju', qualifier: ['cianjur'] },
    ]);
  });

  it('matches qualifiers against kecamatan, kabupaten and provinsi names', () => {
    expect(fitsQualifier(CIANJUR, ['cianjur'])).toBe(true);
    expect(fitsQualifier(CIANJUR, ['cibeber'])).toBe(true);
    expect(fitsQualifier(CIANJUR, ['jawa', 'barat'])).toBe(true);
    expect(fitsQualifier(SUKABUMI, ['cianjur'])).toBe(false);
  });

  it('never takes a single match outside the home provinsi, nor a merely similar one, without asking', () => {
    const jakartaBaru = desa('81.05.12.2007', 'Jakarta Baru', 'Bula Barat', 'Kabupaten Seram Bagian Timur', 'Maluku');
    expect(certaintyOf(jakartaBaru, 'jakarta')).toBe('prefix');
    expect(takeWithoutAsking(jakartaBaru, 'prefix', '15.02')).toBe(false);
    expect(takeWithoutAsking(LIMBUR, certaintyOf(LIMBUR, 'simpang limbur'), '15.02')).toBe(true);
    expect(takeWithoutAsking(LIMBUR, 'fuzzy', '15.02')).toBe(false);
  });
});

describe('planning the choices', () => {
  const many: DesaMatch[] = [
    ...Array.from({ length: 6 }, (_, i) => desa(`32.02.${10 + i}.2001`, 'Sukamaju', `Kec ${i}`, 'Kabupaten Sukabumi', 'Jawa Barat')),
    ...Array.from({ length: 4 }, (_, i) => desa(`32.03.${10 + i}.2001`, 'Sukamaju', `Kec ${i}`, 'Kabupaten Cianjur', 'Jawa Barat')),
    ...Array.from({ length: 3 }, (_, i) => desa(`18.01.${10 + i}.2001`, 'Sukamaju', `Kec ${i}`, 'Kabupaten Lampung Barat', 'Lampung')),
  ];

  it('lists a few matches as desa, naming the provinsi only when they span several', () => {
    const few = planChoices([CIANJUR, SUKABUMI], { area: null, page: 0 });
    expect(few.level).toBe('desa');
    expect(few.choices.map((c) => c.label)).toEqual(['Desa Sukamaju, Kec. Cibeber, Kab. Cianjur', 'Desa Sukamaju, Kec. Cikembar, Kab. Sukabumi']);
  });

  it('groups many matches by provinsi, then kabupaten, then lists the desa', () => {
    const top = planChoices(many, { area: null, page: 0 });
    expect(top.level).toBe('provinsi');
    expect(top.choices.map((c) => c.label)).toEqual(['Jawa Barat (10)', 'Lampung (3)']);
    const jabar = planChoices(many, { area: '32', page: 0 });
    expect(jabar.level).toBe('kabupaten');
    expect(jabar.choices.map((c) => c.label)).toEqual(['Kab. Cianjur (4)', 'Kab. Sukabumi (6)']);
    expect(planChoices(many, { area: '32.02', page: 0 }).choices).toHaveLength(6);
  });

  it('puts the home region first: its few desa as they are, then one choice for the rest', () => {
    const fromCianjur = planChoices(many, { area: null, page: 0, home: '32.03' });
    expect(fromCianjur.choices.slice(0, 4).every((c) => c.kind === 'pick' && c.code.startsWith('32.03.'))).toBe(true);
    expect(fromCianjur.choices[4]).toEqual({ kind: 'area', area: OUTSIDE_HOME, label: 'Di daerah lain (9)' });
    const rest = planChoices(many, { area: OUTSIDE_HOME, page: 0, home: '32.03' });
    expect(rest.choices.map((c) => c.label)).toEqual(['Jawa Barat (6)', 'Lampung (3)']);
    expect(rest.total).toBe(9);
    const fromLampung = planChoices(many, { area: null, page: 0, home: '18' });
    expect(fromLampung.choices[0]!.label).toBe('Desa Sukamaju, Kec. Kec 0, Kab. Lampung Barat');
  });

  it('pages long lists', () => {
    const oneKec = Array.from({ length: 11 }, (_, i) => desa(`32.02.10.20${String(i).padStart(2, '0')}`, `Suka ${i}`, 'Cikembar', 'Kabupaten Sukabumi', 'Jawa Barat'));
    const first = planChoices(oneKec, { area: null, page: 0 });
    expect(first).toMatchObject({ level: 'desa', page: 0, pages: 2 });
    expect(first.choices).toHaveLength(8);
    expect(planChoices(oneKec, { area: null, page: 1 }).choices).toHaveLength(3);
  });
});
