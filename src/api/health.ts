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

export async function checkHealth(probe: HealthProbe): Promise<HealthReport> {
  const [db, redis] = await Promise.all([probe.db().catch(() => false), probe.redis().catch(() => false)]);
  const adapters = probe.adapters();
  const adaptersOk = Object.values(adapters).every((s) => s === 'ready' || s === 'disabled');
  return { status: db && redis && adaptersOk ? 'ok' : 'degraded', db, redis, adapters };
}
