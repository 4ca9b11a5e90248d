import { useTranslation } from 'react-i18next';

/** The headings insights.carbon groups its footprint by (src/insights/carbon), each named in i18n `carbon.heading`. */
const HEADINGS = ['food', 'transport', 'goods', 'home energy', 'housing', 'leisure', 'other', 'digital and telecom', 'health', 'services'] as const;
type Heading = (typeof HEADINGS)[number];

/** A carbon heading's name in the current language; null when the UI does not know the heading. */
export function useCarbonHeading(): (heading: string) => string | null {
  const { t } = useTranslation();
  return (h) => ((HEADINGS as readonly string[]).includes(h) ? t(`carbon.heading.${h as Heading}`) : null);
}
