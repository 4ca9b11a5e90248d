import { useTranslation } from 'react-i18next';
import { ServerText } from '../insights/ServerText.tsx';
import { useVrmText, type ProfileValue, type StandardTerm } from './vrm-text.ts';

/** One disclosed value: what it is, the exact value, and how the vault computed it. */
export function ProfileValueText({ p }: { p: ProfileValue }) {
  const v = useVrmText();
  const basis = v.basis(p);
  return (
    <>
      <span className="vrm-profile-label">{v.labelled(v.profileLabel(p))}</span> <strong className="vrm-profile-value" data-profile={p.name}>{v.value(p)}</strong>
      <span className="hint vrm-profile-basis">{basis ?? <ServerText>{p.basis}</ServerText>}</span>
    </>
  );
}

/** The values an intent disclosed, exactly as vendors received them. */
export function ProfileValues({ profile }: { profile: ProfileValue[] }) {
  const { t } = useTranslation();
  if (profile.length === 0) return <p>{t('intents.disclosedNone')}</p>;
  return (
    <ul className="plain-list vrm-profile" data-testid="disclosed">
      {profile.map((p) => (
        <li key={p.name}>
          <ProfileValueText p={p} />
        </li>
      ))}
    </ul>
  );
}

/** The person's terms, each explained in words. */
export function TermsList({ terms }: { terms: StandardTerm[] }) {
  const v = useVrmText();
  return (
    <ul className="plain-list vrm-terms">
      {terms.map((term) => (
        <li key={term}>{v.term(term)}</li>
      ))}
    </ul>
  );
}
