/**
 * An inbox's profile: timing, moving processed originals, the keywords that tell document kinds
 * apart, where each kind is sent, which pre-flight outcomes block sending, and four-eyes.
 * Saved whole through inboxes.update; the engine validates it again.
 */
import { useId, useState, type FormEvent } from 'react';
import type { InboxProfile, InboxRow } from '../../../shared/contract.ts';
import type { DocumentKind, ProviderName } from '../../../shared/model.ts';
import { DOCUMENT_KINDS, PROVIDER_NAMES } from '../../lib/enums.ts';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useLabel, useT } from '../../i18n/index.ts';
import { invoke } from '../../ipc/client.ts';
import { providerLabel } from '../providers/names.ts';

type Route = { provider: ProviderName; service: string; options?: Record<string, unknown> };

interface Draft {
  label: string;
  stableSeconds: string;
  caseSettleSeconds: string;
  moveProcessed: boolean;
  fourEyes: boolean;
  keywords: Record<string, string>;
  routes: Record<string, Route[]>;
  block: string;
}

function toDraft(inbox: InboxRow): Draft {
  const p = inbox.profile;
  const keywords: Record<string, string> = {};
  for (const k of DOCUMENT_KINDS) keywords[k] = (p.kindKeywords?.[k] ?? []).join(', ');
  const routes: Record<string, Route[]> = {};
  for (const k of DOCUMENT_KINDS) routes[k] = (p.routes?.[k] ?? []).map((r) => ({ ...r }));
  return {
    label: inbox.label ?? '',
    stableSeconds: p.stableSeconds === undefined ? '' : String(p.stableSeconds),
    caseSettleSeconds: p.caseSettleSeconds === undefined ? '' : String(p.caseSettleSeconds),
    moveProcessed: p.moveProcessed === true,
    fourEyes: p.fourEyes === true,
    keywords,
    routes,
    block: (p.block ?? []).join('\n'),
  };
}

function seconds(v: string): number | undefined | 'bad' {
  if (v.trim() === '') return undefined;
  const n = Number(v.replace(',', '.'));
  return Number.isFinite(n) && n >= 0 && n <= 3600 ? n : 'bad';
}

export function ProfileEditor({
  inbox,
  onSaved,
}: {
  inbox: InboxRow;
  onSaved(row: InboxRow): void;
}) {
  const t = useT();
  const lbl = useLabel();
  const [draft, setDraft] = useState<Draft>(() => toDraft(inbox));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const uid = useId();
  const set = (patch: Partial<Draft>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...patch }));
  };
  const setRoutes = (kind: DocumentKind, list: Route[]) =>
    set({ routes: { ...draft.routes, [kind]: list } });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const stable = seconds(draft.stableSeconds);
    const settle = seconds(draft.caseSettleSeconds);
    if (stable === 'bad' || settle === 'bad') {
      setError(t('profile.badSeconds'));
      return;
    }
    const kindKeywords: NonNullable<InboxProfile['kindKeywords']> = {};
    for (const k of DOCUMENT_KINDS) {
      const words = (draft.keywords[k] ?? '')
        .split(/[,\n]/)
        .map((w) => w.trim().toLowerCase())
        .filter(Boolean);
      if (words.length) kindKeywords[k] = words;
    }
    const routes: NonNullable<InboxProfile['routes']> = {};
    for (const k of DOCUMENT_KINDS) {
      const list = (draft.routes[k] ?? []).filter((r) => r.service.trim());
      if (list.length) routes[k] = list.map((r) => ({ ...r, service: r.service.trim() }));
    }
    const block = draft.block
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    const profile: InboxProfile = {
      ...(Object.keys(kindKeywords).length ? { kindKeywords } : {}),
      ...(Object.keys(routes).length ? { routes } : {}),
      ...(block.length ? { block } : {}),
      fourEyes: draft.fourEyes,
      moveProcessed: draft.moveProcessed,
      ...(stable !== undefined ? { stableSeconds: stable } : {}),
      ...(settle !== undefined ? { caseSettleSeconds: settle } : {}),
    };
    setBusy(true);
    const r = await invoke('inboxes.update', {
      id: inbox.id,
      label: draft.label.trim() || null,
      profile,
    });
    setBusy(false);
    if (r.ok) {
      setError(null);
      setSaved(true);
      onSaved(r.value);
    } else setError(r.error.message);
  };

  return (
    <form
      className="profile"
      onSubmit={(e) => void save(e)}
      aria-label={t('profile.title', { inbox: inbox.label ?? inbox.path })}
      data-testid="profile-editor"
    >
      <div className="form-grid">
        <label className="field">
          <span>{t('profile.label')}</span>
          <input
            value={draft.label}
            maxLength={100}
            onChange={(e) => set({ label: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t('profile.stableSeconds')}</span>
          <input
            inputMode="decimal"
            value={draft.stableSeconds}
            placeholder={t('profile.default')}
            onChange={(e) => set({ stableSeconds: e.target.value })}
            aria-describedby={`${uid}-stable`}
            data-testid="stable-seconds"
          />
          <small id={`${uid}-stable`} className="muted">
            {t('profile.stableHelp')}
          </small>
        </label>
        <label className="field">
          <span>{t('profile.settleSeconds')}</span>
          <input
            inputMode="decimal"
            value={draft.caseSettleSeconds}
            placeholder={t('profile.default')}
            onChange={(e) => set({ caseSettleSeconds: e.target.value })}
            aria-describedby={`${uid}-settle`}
            data-testid="settle-seconds"
          />
          <small id={`${uid}-settle`} className="muted">
            {t('profile.settleHelp')}
          </small>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.moveProcessed}
            onChange={(e) => set({ moveProcessed: e.target.checked })}
            data-testid="move-processed"
          />
          {t('profile.moveProcessed')}
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.fourEyes}
            onChange={(e) => set({ fourEyes: e.target.checked })}
            data-testid="four-eyes"
          />
          {t('profile.fourEyes')}
        </label>
      </div>

      <fieldset>
        <legend>{t('profile.kindsTitle')}</legend>
        <p className="muted small">{t('profile.kindsHelp')}</p>
        <table className="grid profile-kinds">
          <thead>
            <tr>
              <th scope="col">{t('profile.kind')}</th>
              <th scope="col">{t('profile.keywords')}</th>
              <th scope="col">{t('profile.routes')}</th>
            </tr>
          </thead>
          <tbody>
            {DOCUMENT_KINDS.map((kind) => {
              const routes = draft.routes[kind] ?? [];
              return (
                <tr key={kind} data-kind={kind}>
                  <th scope="row">{lbl('documentKind', kind)}</th>
                  <td>
                    <input
                      value={draft.keywords[kind] ?? ''}
                      onChange={(e) =>
                        set({ keywords: { ...draft.keywords, [kind]: e.target.value } })
                      }
                      aria-label={t('profile.keywordsFor', { kind: lbl('documentKind', kind) })}
                      placeholder={t('profile.keywordsHint')}
                      data-testid={`keywords-${kind}`}
                    />
                  </td>
                  <td>
                    {routes.length === 0 ? (
                      <span className="muted small">{t('profile.defaultRoute')}</span>
                    ) : null}
                    {routes.map((r, i) => (
                      <div key={i} className="route-row">
                        <select
                          value={r.provider}
                          onChange={(e) =>
                            setRoutes(
                              kind,
                              routes.map((x, j) =>
                                j === i ? { ...x, provider: e.target.value as ProviderName } : x,
                              ),
                            )
                          }
                          aria-label={t('profile.routeProvider', {
                            kind: lbl('documentKind', kind),
                            n: i + 1,
                          })}
                        >
                          {PROVIDER_NAMES.map((p) => (
                            <option key={p} value={p}>
                              {providerLabel(p)}
                            </option>
                          ))}
                        </select>
                        <input
                          value={r.service}
                          onChange={(e) =>
                            setRoutes(
                              kind,
                              routes.map((x, j) =>
                                j === i ? { ...x, service: e.target.value } : x,
                              ),
                            )
                          }
                          aria-label={t('profile.routeService', {
                            kind: lbl('documentKind', kind),
                            n: i + 1,
                          })}
                          placeholder={t('profile.servicePlaceholder')}
                          data-testid={`route-service-${kind}-${i}`}
                        />
                        <button
                          type="button"
                          className="link"
                          onClick={() =>
                            setRoutes(
                              kind,
                              routes.filter((_, j) => j !== i),
                            )
                          }
                        >
                          {t('common.remove')}
                          <span className="sr-only"> {t('profile.routeN', { n: i + 1 })}</span>
                        </button>
                      </div>
                    ))}
                    <button
                      type="button"
                      className="link"
                      onClick={() =>
                        setRoutes(kind, [...routes, { provider: 'anycheck', service: '' }])
                      }
                      data-testid={`add-route-${kind}`}
                    >
                      {t('profile.addRoute')}
                      <span className="sr-only"> — {lbl('documentKind', kind)}</span>
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </fieldset>

      <label className="field">
        <span>{t('profile.block')}</span>
        <textarea
          rows={3}
          value={draft.block}
          onChange={(e) => set({ block: e.target.value })}
          aria-describedby={`${uid}-block`}
          data-testid="block-policy"
        />
        <small id={`${uid}-block`} className="muted">
          {t('profile.blockHelp')}
        </small>
      </label>

      <ErrorNote error={error} />
      <div className="form-buttons">
        <button type="submit" className="primary" disabled={busy} data-testid="save-profile">
          {t('profile.save')}
        </button>
        <span role="status" className="muted" data-testid="profile-status">
          {saved ? t('profile.saved') : ''}
        </span>
      </div>
    </form>
  );
}
