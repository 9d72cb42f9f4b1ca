import { expect } from 'vitest';

type Node = unknown;

/** Every leaf of a catalogue by its dotted path ("status.waiting", "broadcastVariants.greetings"). */
export function leaves(node: Node, path = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
    for (const [k, v] of Object.entries(node)) for (const [p, leaf] of leaves(v, path ? `${path}.${k}` : k)) out.set(p, leaf);
  } else out.set(path, node);
  return out;
}

/**
 * Two catalogues must have exactly the same keys, and every entry must give a non-empty text: strings
 * and lists as they are, functions called with each sample argument list (`samples`, by path). A
 * function without samples fails the test, so a new key gets its sample when it is written.
 */
export function expectSameCatalogue(base: Node, other: Node, samples: Record<string, unknown[][]>): void {
  const a = leaves(base);
  const b = leaves(other);
  expect([...b.keys()].filter((k) => !a.has(k)), 'keys only in the translation').toEqual([]);
  expect([...a.keys()].filter((k) => !b.has(k)), 'keys missing from the translation').toEqual([]);
  const unusedSamples = Object.keys(samples).filter((k) => typeof a.get(k) !== 'function');
  expect(unusedSamples, 'samples for keys that are not functions').toEqual([]);
  for (const [path, value] of a) {
    const theirs = b.get(path);
    expect(typeof theirs, `${path}: same kind of entry`).toBe(typeof value);
    expect(Array.isArray(theirs), `${path}: both lists or neither`).toBe(Array.isArray(value));
    for (const entry of [value, theirs]) {
      if (typeof entry === 'string') expect(entry.trim(), path).not.toBe('');
      else if (Array.isArray(entry)) {
        expect(entry.length, `${path}: same number of items`).toBe((value as unknown[]).length);
        for (const item of entry) expect(String(item).trim(), path).not.toBe('');
      } else if (typeof entry === 'function') {
        const argLists = samples[path];
        expect(argLists, `${path}: sample arguments in the test`).toBeDefined();
        for (const args of argLists!) {
          const text = (entry as (...a: unknown[]) => unknown)(...args);
          expect(typeof text, `${path}(${JSON.stringify(args)})`).toBe('string');
          expect((text as string).trim(), `${path}(${JSON.stringify(args)})`).not.toBe('');
          expect(text as string, `${path}: no unfilled value`).not.toMatch(/undefined|NaN|\[object/);
        }
      } else throw new Error(`${path}: unexpected entry ${typeof entry}`);
    }
  }
}
