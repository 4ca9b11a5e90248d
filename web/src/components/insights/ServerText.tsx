import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Words the server wrote in English (an explanation, a note): marked `lang="en"` when the
 * page is in another language, so a screen reader pronounces them right.
 */
export function ServerText({ children, as: Tag = 'span' }: { children: ReactNode; as?: 'span' | 'li' | 'p' }) {
  const { i18n } = useTranslation();
  return <Tag {...(i18n.language === 'en' ? {} : { lang: 'en' })}>{children}</Tag>;
}
