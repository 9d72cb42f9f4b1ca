/** Tickets are the report id with a prefix residents can read aloud: T-1042. */
export function formatTicket(reportId: number): string {
  return `T-${reportId}`;
}

/** Accepts what people type: "T-1042", "t1042", "#1042", "1042". */
export function parseTicket(input: string): number | null {
  const m = /^\s*#?(?:t\s*-?\s*)?(\d{1,9})\s*$/i.exec(input);
  if (!m?.[1]) return null;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
