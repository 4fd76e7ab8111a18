import { Dialog } from '../../components/Dialog.tsx';
import { useT } from '../../i18n/index.ts';
import { CHEAT_SHEET } from './shortcuts.ts';

export function CheatSheet({ onClose }: { onClose(): void }) {
  const t = useT();
  return (
    <Dialog title={t('keys.title')} onClose={onClose} testId="cheat-sheet">
      <table className="grid keys">
        <thead>
          <tr>
            <th scope="col">{t('keys.key')}</th>
            <th scope="col">{t('keys.does')}</th>
          </tr>
        </thead>
        <tbody>
          {CHEAT_SHEET.map((row) => (
            <tr key={row.what}>
              <td>
                {row.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 ? ' / ' : ''}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{t(row.what)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">{t('keys.note')}</p>
      <div className="dialog-buttons">
        <button type="button" className="primary" onClick={onClose} autoFocus>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
