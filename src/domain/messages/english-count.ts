/** "1 report", "2 reports", "1 resident found": Indonesian needs no plural, the English catalogues do. */
export const count = (n: number, noun: string, plural = `${noun}s`): string => `${n} ${n === 1 ? noun : plural}`;

/** The verb after a count ("1 report was", "2 reports were"): only these two are needed so far. */
export const wasWere = (n: number): string => (n === 1 ? 'was' : 'were');
export const isAre = (n: number): string => (n === 1 ? 'is' : 'are');
