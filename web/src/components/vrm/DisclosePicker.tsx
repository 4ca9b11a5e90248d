import { useTranslation } from 'react-i18next';
import type { OperationOutput } from '../../api/operations.ts';
import { ProfileValueText } from './ProfileValues.tsx';
import { useVrmText } from './vrm-text.ts';

type Preview = OperationOutput<'intents.preview'>;

/** The values the vault computed for this category, each a checkbox (ticked: disclosed), and those it cannot compute. */
export function DisclosePicker({ preview, withheld, onChange }: { preview: Preview; withheld: string[]; onChange: (withheld: string[]) => void }) {
  const { t } = useTranslation();
  const v = useVrmText();
  const unavailable = preview.available.filter((a) => preview.unavailable.includes(a.name)).map((a) => v.profileLabel(a));
  return (
    <fieldset data-testid="preview">
      <legend>{t('intents.disclose')}</legend>
      {preview.profile.length === 0 ? (
        <p>{t('intents.discloseNone')}</p>
      ) : (
        <>
          <p className="hint">{t('intents.discloseHint')}</p>
          <div className="vrm-checks">
            {preview.profile.map((p) => (
              <label key={p.name} className="check vrm-disclose">
                <input type="checkbox" checked={!withheld.includes(p.name)} onChange={() => onChange(withheld.includes(p.name) ? withheld.filter((n) => n !== p.name) : [...withheld, p.name])} />
                <span>
                  <ProfileValueText p={p} />
                </span>
              </label>
            ))}
          </div>
        </>
      )}
      {unavailable.length > 0 && <p className="hint">{t('intents.unavailable', { names: unavailable.join(', ') })}</p>}
    </fieldset>
  );
}
