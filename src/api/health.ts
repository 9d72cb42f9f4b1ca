import type { AdapterState } from '../domain/chat-adapter.js';

export interface HealthProbe {
  db(): Promise<boolean>;
  redis(): Promise<boolean>;
  adapters(): Record<'telegram' | 'whatsapp', AdapterState>;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  db: boolean;
  redis: boolean;
  adapters: Record<'telegram' | 'whatsapp', AdapterState>;
}

/** Each dependency gets this long to answer; /health itself must answer within a second, outage or not. */
export const PROBE_TIMEOUT_MS = 300;

async function within(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([check().catch(() => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

export async function checkHealth(probe: HealthProbe, timeoutMs = PROBE_TIMEOUT_MS): Promise<HealthReport> {
  const [db, redis] = await Promise.all([within(() => probe.db(), timeoutMs), within(() => probe.redis(), timeoutMs)]);
  const adapters = probe.adapters();
  const adaptersOk = Object.values(adapters).every((s) => s === 'ready' || s === 'disabled');
  return { status: db && redis && adaptersOk ? 'ok' : 'degraded', db, redis, adapters };
}
