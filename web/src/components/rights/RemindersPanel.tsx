import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OperationOutput } from '../../api/operations.ts';
import { useFormat } from '../../format.ts';

type Reminder = OperationOutput<'rights.reminders'>['reminders'][number];

/** The reminders at the top of "My requests": drafts not sent, answers due soon, deadlines passed, answers to check. */
export function RemindersPanel({ reminders }: { reminders: Reminder[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (reminders.length === 0) return null;
  const message = (r: Reminder) => {
    const vars = { organisation: r.organisation, date: r.dueOn ? f.date(r.dueOn) : '—' };
    if (r.status === 'draft') return t('rights.reminder.draft', vars);
    if (r.status === 'overdue') return t('rights.reminder.overdue', vars);
    if (r.status === 'answered') return r.level === 'urgent' ? t('rights.reminder.refused', vars) : t('rights.reminder.done', vars);
    return t('rights.reminder.soon', vars);
  };
  return (
    <section className="card rights-reminders" aria-labelledby="rights-reminders">
      <h2 id="rights-reminders">{t('rights.remindersTitle')}</h2>
      <ul className="plain-list">
        {reminders.map((r) => (
          <li key={r.id} className={`rights-reminder rights-reminder-${r.level}`} data-testid="reminder">
            <Link to={`/rights/${encodeURIComponent(r.id)}`}>{message(r)}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
