/** "1 report", "2 reports", "1 resident found": Indonesian needs no plural, the English catalogues do. */
export const count = (n: number, noun: string, plural = `${noun}s`): string => `${n} ${n === 1 ? noun : plural}`;

/** The verb after a count: "1 resident finds", "2 residents find" — here only was/were and is/are. */
export const wasWere = (n: number): string => (n === 1 ? 'was' : 'were');
export const isAre = (n: number): string => (n === 1 ? 'is' : 'are');
