import { useT } from '../i18n/index.ts';
import { useInboxes } from '../stores/engine.ts';

/** A filter field choosing one inbox (or all of them), labelled the same on every screen. */
export function InboxSelect({
  value,
  onChange,
}: {
  value: number | null;
  onChange: (inboxId: number | null) => void;
}) {
  const t = useT();
  const inboxes = useInboxes();
  return (
    <label className="field">
      <span>{t('cases.inbox')}</span>
      <select
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}
      >
        <option value="">{t('common.all')}</option>
        {inboxes.map((i) => (
          <option key={i.id} value={i.id}>
            {i.label ?? i.path}
          </option>
        ))}
      </select>
    </label>
  );
}
