import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Messages } from './i18n/en.ts';

/** The sections of the navigation, in order. */
export const NAV_SECTIONS = [
  { id: 'explore', label: 'nav.sectionExplore' },
  { id: 'act', label: 'nav.sectionAct' },
  { id: 'share', label: 'nav.sectionShare' },
  { id: 'manage', label: 'nav.sectionManage' },
] as const;
export type NavSection = (typeof NAV_SECTIONS)[number]['id'];

/**
 * One screen of the unlocked UI. THE extension point: a new screen is one entry in
 * `screens` below (and its texts in i18n/en.ts and i18n/fr.ts) — see
 * docs/web.md, "Adding a screen".
 */
export interface Screen {
  /** The URL path (react-router pattern, e.g. `budget` or `records/:id`); '' for the overview. Shareable: keep state in the query string. */
  path: string;
  /** The screen, loaded when first shown (its own chunk). */
  component: LazyExoticComponent<ComponentType>;
  /** Its entry in the navigation; absent for pages reached by a link (details). */
  nav?: { label: `nav.${keyof Messages['nav']}`; section: NavSection };
}

export const screens: Screen[] = [
  { path: '', component: lazy(() => import('./screens/Overview.tsx')), nav: { label: 'nav.overview', section: 'explore' } },
  { path: 'timeline', component: lazy(() => import('./screens/Timeline.tsx')), nav: { label: 'nav.timeline', section: 'explore' } },
  { path: 'budget', component: lazy(() => import('./screens/Budget.tsx')), nav: { label: 'nav.budget', section: 'explore' } },
  { path: 'energy', component: lazy(() => import('./screens/Energy.tsx')), nav: { label: 'nav.energy', section: 'explore' } },
  { path: 'carbon', component: lazy(() => import('./screens/Carbon.tsx')), nav: { label: 'nav.carbon', section: 'explore' } },
  { path: 'relations', component: lazy(() => import('./screens/Relations.tsx')), nav: { label: 'nav.relations', section: 'explore' } },
  { path: 'mobility', component: lazy(() => import('./screens/Mobility.tsx')), nav: { label: 'nav.mobility', section: 'explore' } },
  { path: 'review', component: lazy(() => import('./screens/MonthReview.tsx')), nav: { label: 'nav.review', section: 'explore' } },
  { path: 'who-knows-what', component: lazy(() => import('./screens/WhoKnowsWhat.tsx')), nav: { label: 'nav.whoKnows', section: 'explore' } },
  { path: 'records/:id', component: lazy(() => import('./screens/RecordDetail.tsx')) },
  { path: 'rights', component: lazy(() => import('./screens/Rights.tsx')), nav: { label: 'nav.rights', section: 'act' } },
  { path: 'rights/:id', component: lazy(() => import('./screens/RightsRequest.tsx')) },
  { path: 'intents', component: lazy(() => import('./screens/Intents.tsx')), nav: { label: 'nav.intents', section: 'act' } },
  { path: 'intents/new', component: lazy(() => import('./screens/NewIntent.tsx')) },
  { path: 'intents/:id', component: lazy(() => import('./screens/IntentDetail.tsx')) },
  { path: 'sharing', component: lazy(() => import('./screens/Sharing.tsx')), nav: { label: 'nav.sharing', section: 'share' } },
  { path: 'sharing/:id', component: lazy(() => import('./screens/GrantDetail.tsx')) },
  { path: 'access-log', component: lazy(() => import('./screens/AccessLog.tsx')), nav: { label: 'nav.accessLog', section: 'share' } },
  { path: 'import', component: lazy(() => import('./screens/Import.tsx')), nav: { label: 'nav.import', section: 'manage' } },
  { path: 'settings', component: lazy(() => import('./screens/Settings.tsx')), nav: { label: 'nav.settings', section: 'manage' } },
];
