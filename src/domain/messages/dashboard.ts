import { dashboardId } from './dashboard-id.js';
import { dashboardEn } from './dashboard-en.js';
import type { Widen } from './id.js';
import type { Lang } from './index.js';

/** The dashboard's catalogue: the keys of `dashboardId`, each a string or a function giving one. */
export type DashboardMessages = Widen<typeof dashboardId>;

const CATALOGUES: Record<Lang, DashboardMessages> = { id: dashboardId, en: dashboardEn };

export function dashboardMessagesFor(lang: Lang): DashboardMessages {
  return CATALOGUES[lang] ?? dashboardId;
}
