import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ALL_FUNCTIONS,
  type AttendantDashboard,
  type AuditView,
  type Health,
  type LocalSettings,
  type ReaderTest,
} from '../../../../electron/attendant-contract';
import type { CommandError } from '../../../../electron/contract';
import { kioskApi } from '../../api';
import { closeAttendant, useAttendantStore } from '../../state/attendant';
import { useDeviceStore } from '../../state/device';
import { Dashboard } from './Dashboard';
import './attendant.css';

type Tab = 'dashboard' | 'actions' | 'settings' | 'audit';

/** Any answer saying attendant mode is over (timeout, restart) closes the screen. */
export function ended(e: CommandError): boolean {
  if (e.code === 'attendant_required') closeAttendant();
  return e.code === 'attendant_required';
}

function useToken(): string {
  const s = useAttendantStore();
  return s.phase === 'open' ? s.token : '';
}

export function HealthBadge({ health }: { health: Health }) {
  const { t } = useTranslation();
  const icon = health === 'green' ? '✓' : health === 'amber' ? '!' : '✕';
  return (
    <span className={`health ${health}`} data-health={health}>
      <span aria-hidden="true">{icon} </span>
      {t(`attendant.health.${health}`)}
    </span>
  );
}

function Actions() {
  const { t, i18n } = useTranslation();
  const token = useToken();
  const host = useAttendantStore((s) => (s.phase === 'open' ? s.host : 'web'));
  const status = useDeviceStore((s) => s.status);
  const [result, setResult] = useState<{ what: string; ok: boolean; detail: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [reader, setReader] = useState<ReaderTest | null>(null);
  const [reprints, setReprints] = useState<{ id: string; title: string; createdAt: string }[]>([]);
  const [message, setMessage] = useState(t('attendant.actions.oosDefault'));
  const oos = status ? !status.service.inService && status.service.reason === 'attendant' : false;

  const loadReprints = useCallback(async () => {
    const r = await kioskApi().invoke('attendant.reprints', { token });
    if (r.ok) setReprints(r.value);
    else ended(r.error);
  }, [token]);
  useEffect(() => {
    void loadReprints();
  }, [loadReprints]);

  const run = async (
    what: string,
    call: () => Promise<
      { ok: true; value: { ok: boolean; detail: string } } | { ok: false; error: CommandError }
    >,
  ) => {
    setBusy(true);
    setResult({ what, ok: true, detail: t('attendant.actions.running') });
    const r = await call();
    setBusy(false);
    if (r.ok) setResult({ what, ...r.value });
    else if (!ended(r.error))
      setResult({
        what,
        ok: false,
        detail:
          r.error.code === 'not_available' ? t('attendant.actions.notAvailable') : r.error.message,
      });
    void loadReprints();
  };
  const action = (
    name: 'test_print' | 'sync_now' | 'refresh_hotlist' | 'restart_app' | 'leave_kiosk',
  ) => run(name, () => kioskApi().invoke('attendant.action', { token, action: name }));

  const button = (testId: string, label: string, onPress: () => void, disabled = false) => (
    <button
      type="button"
      className="attendant-button"
      data-testid={testId}
      disabled={busy || disabled}
      onClick={onPress}
    >
      {label}
    </button>
  );

  return (
    <div className="attendant-actions" data-testid="attendant-actions">
      {result ? (
        <p
          className={`attendant-result ${result.ok ? 'ok' : 'failed'}`}
          data-testid="attendant-result"
          data-action={result.what}
          data-ok={busy ? 'running' : String(result.ok)}
          role="status"
        >
          {result.ok ? '✓ ' : '✕ '}
          {result.detail}
        </p>
      ) : null}
      <div className="attendant-button-row">
        {button(
          'att-test-print',
          t('attendant.actions.testPrint'),
          () => void action('test_print'),
        )}
        {button('att-sync', t('attendant.actions.syncNow'), () => void action('sync_now'))}
        {button(
          'att-hotlist',
          t('attendant.actions.refreshHotlist'),
          () => void action('refresh_hotlist'),
        )}
        {button('att-reader-test', t('attendant.actions.readerTest'), () => {
          void kioskApi()
            .invoke('attendant.readerTest', { token })
            .then((r) => {
              if (r.ok) setReader(r.value);
              else ended(r.error);
            });
        })}
      </div>
      <p className="attendant-hint">{t('attendant.actions.readerTestHint')}</p>
      {reader ? (
        <dl
          className="attendant-facts"
          data-testid="att-reader-result"
          data-outcome={reader.outcome}
        >
          <dt>ATR</dt>
          <dd data-testid="att-reader-atr">{reader.atr ?? t('attendant.fields.none')}</dd>
          <dt>{t('attendant.fields.state')}</dt>
          <dd>{reader.outcome}</dd>
          {reader.summary ? (
            <>
              <dt>{t('attendant.fields.version')}</dt>
              <dd>
                {reader.summary.specVersion} · {reader.summary.cardType} ·{' '}
                {reader.summary.algorithm} · {reader.summary.region}
              </dd>
            </>
          ) : null}
        </dl>
      ) : null}
      <div className="attendant-oos">
        <label>
          {t('attendant.actions.oosMessage')}
          <input
            data-testid="att-oos-message"
            value={message}
            maxLength={200}
            onChange={(e) => setMessage(e.target.value)}
          />
        </label>
        {button(
          'att-oos',
          oos ? t('attendant.actions.inService') : t('attendant.actions.outOfService'),
          () =>
            void run('out_of_service', () =>
              kioskApi().invoke('attendant.outOfService', {
                token,
                active: !oos,
                ...(oos ? {} : { message }),
              }),
            ),
        )}
      </div>
      <h3>{t('attendant.actions.reprints')}</h3>
      {reprints.length === 0 ? <p>{t('attendant.actions.noReprints')}</p> : null}
      <ul className="attendant-reprints" data-testid="att-reprints">
        {reprints.slice(0, 5).map((r) => (
          <li key={r.id}>
            <span>
              {r.title} · {new Date(r.createdAt).toLocaleTimeString(i18n.language)}
            </span>
            {button(
              `att-reprint-${r.id}`,
              t('attendant.actions.reprint'),
              () =>
                void run('reprint', () =>
                  kioskApi().invoke('attendant.reprint', { token, id: r.id }),
                ),
            )}
          </li>
        ))}
      </ul>
      <div className="attendant-button-row">
        {button(
          'att-diagnostics',
          t('attendant.actions.diagnostics'),
          () =>
            void run('diagnostics', async () => {
              const r = await kioskApi().invoke('attendant.diagnostics', {
                token,
                toFolder: true,
                print: false,
              });
              return r.ok ? { ok: true, value: { ok: true, detail: r.value.folder ?? '' } } : r;
            }),
        )}
        {button(
          'att-diagnostics-print',
          t('attendant.actions.diagnosticsPrint'),
          () =>
            void run('diagnostics_print', async () => {
              const r = await kioskApi().invoke('attendant.diagnostics', {
                token,
                toFolder: false,
                print: true,
              });
              return r.ok ? { ok: true, value: r.value.printed ?? { ok: false, detail: '' } } : r;
            }),
        )}
        {button(
          'att-restart',
          t('attendant.actions.restart'),
          () => void action('restart_app'),
          host !== 'electron',
        )}
        {button(
          'att-leave-kiosk',
          t('attendant.actions.leaveKiosk'),
          () => void action('leave_kiosk'),
          host !== 'electron',
        )}
      </div>
      {host !== 'electron' ? (
        <p className="attendant-hint">
          {t('attendant.actions.notAvailable')}: {t('attendant.actions.restart')},{' '}
          {t('attendant.actions.leaveKiosk')}
        </p>
      ) : null}
    </div>
  );
}

const FUNCTIONS = ALL_FUNCTIONS;

function Settings() {
  const { t } = useTranslation();
  const token = useToken();
  const [s, setS] = useState<LocalSettings | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void kioskApi()
      .invoke('attendant.settings', { token })
      .then((r) => {
        if (r.ok) setS(r.value);
        else ended(r.error);
      });
  }, [token]);
  if (!s) return null;
  const change = (next: LocalSettings) => {
    setS(next);
    setSaved(false);
  };
  const toggleFn = (site: 'bureau_hall' | 'bank_lobby', fn: (typeof FUNCTIONS)[number]) => {
    const list = s.functions[site];
    const next = list.includes(fn) ? list.filter((f) => f !== fn) : [...list, fn];
    change({ ...s, functions: { ...s.functions, [site]: next } });
  };
  const save = async () => {
    const r = await kioskApi().invoke('attendant.setSettings', { token, settings: s });
    if (!r.ok) {
      ended(r.error);
      return;
    }
    setS(r.value);
    setSaved(true);
    const info = await kioskApi().invoke('app.info', {});
    if (info.ok) useDeviceStore.setState({ info: info.value });
  };
  return (
    <div className="attendant-settings" data-testid="attendant-settings">
      <label>
        {t('attendant.settings.idleTimeout')}
        <input
          type="number"
          min={15}
          max={600}
          data-testid="att-set-idle"
          value={s.idleTimeoutSeconds}
          onChange={(e) =>
            change({
              ...s,
              idleTimeoutSeconds: Math.min(600, Math.max(15, Number(e.target.value) || 15)),
            })
          }
        />
      </label>
      <label>
        {t('attendant.settings.defaultLanguage')}
        <select
          data-testid="att-set-language"
          value={s.defaultLanguage}
          onChange={(e) =>
            change({ ...s, defaultLanguage: e.target.value === 'en' ? 'en' : 'zh-CN' })
          }
        >
          <option value="zh-CN">中文</option>
          <option value="en">English</option>
        </select>
      </label>
      <label>
        <input
          type="checkbox"
          data-testid="att-set-shuffled"
          checked={s.shuffledKeypad}
          onChange={(e) => change({ ...s, shuffledKeypad: e.target.checked })}
        />
        {t('attendant.settings.shuffledKeypad')}
      </label>
      <h3>{t('attendant.settings.functions')}</h3>
      {(['bureau_hall', 'bank_lobby'] as const).map((site) => (
        <fieldset key={site}>
          <legend>{t(`attendant.settings.${site}`)}</legend>
          {FUNCTIONS.map((fn) => (
            <label key={fn}>
              <input
                type="checkbox"
                data-testid={`att-set-fn-${site}-${fn}`}
                checked={s.functions[site].includes(fn)}
                onChange={() => toggleFn(site, fn)}
              />
              {t(`attendant.settings.fn.${fn}`)}
            </label>
          ))}
        </fieldset>
      ))}
      <button
        type="button"
        className="attendant-button"
        data-testid="att-set-save"
        onClick={() => void save()}
      >
        {t('attendant.settings.save')}
      </button>
      {saved ? <p data-testid="att-set-saved">{t('attendant.settings.saved')}</p> : null}
    </div>
  );
}

function Audit() {
  const { t, i18n } = useTranslation();
  const token = useToken();
  const [view, setView] = useState<AuditView | null>(null);
  useEffect(() => {
    void kioskApi()
      .invoke('attendant.audit', { token, limit: 50 })
      .then((r) => {
        if (r.ok) setView(r.value);
        else ended(r.error);
      });
  }, [token]);
  if (!view) return null;
  const v = view.verification;
  return (
    <div className="attendant-audit" data-testid="attendant-audit">
      <p
        className={`attendant-result ${v.ok ? 'ok' : 'failed'}`}
        data-testid="att-audit-verification"
        data-ok={String(v.ok)}
      >
        <HealthBadge health={v.ok ? 'green' : 'red'} />{' '}
        {v.ok
          ? t('attendant.audit.verified', { count: v.seq })
          : t('attendant.audit.broken', { message: v.message })}
      </p>
      <table>
        <thead>
          <tr>
            <th>{t('attendant.audit.seq')}</th>
            <th>{t('attendant.audit.at')}</th>
            <th>{t('attendant.audit.action')}</th>
            <th>{t('attendant.audit.details')}</th>
          </tr>
        </thead>
        <tbody>
          {view.entries.map((e) => (
            <tr key={e.seq} data-testid="att-audit-entry" data-action={e.action}>
              <td>{e.seq}</td>
              <td>{new Date(e.at).toLocaleString(i18n.language)}</td>
              <td>{e.action}</td>
              <td className="details">{e.details}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The attendant's screen: dashboard first, then actions, settings and the audit log. */
export function AttendantScreen() {
  const { t } = useTranslation();
  const token = useToken();
  const inactivitySeconds = useAttendantStore((s) =>
    s.phase === 'open' ? s.inactivitySeconds : 120,
  );
  const [tab, setTab] = useState<Tab>('dashboard');
  const [board, setBoard] = useState<AttendantDashboard | null>(null);

  const leave = useCallback(() => {
    void kioskApi().invoke('attendant.leave', { token });
    closeAttendant();
  }, [token]);

  // Leaves by itself after the configured time without a touch (the main side enforces it too).
  useEffect(() => {
    let timer = window.setTimeout(leave, inactivitySeconds * 1000);
    const touch = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(leave, inactivitySeconds * 1000);
    };
    window.addEventListener('pointerdown', touch);
    window.addEventListener('keydown', touch);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('pointerdown', touch);
      window.removeEventListener('keydown', touch);
    };
  }, [inactivitySeconds, leave]);

  useEffect(() => {
    if (tab !== 'dashboard') return;
    let live = true;
    const load = async () => {
      const r = await kioskApi().invoke('attendant.dashboard', { token });
      if (!live) return;
      if (r.ok) setBoard(r.value);
      else ended(r.error);
    };
    void load();
    const timer = window.setInterval(() => void load(), 2000);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [tab, token]);

  return (
    <section className="attendant" data-testid="attendant-screen">
      <header className="attendant-header">
        <h1>{t('attendant.title')}</h1>
        <p className="attendant-hint">{t('attendant.autoLeave', { seconds: inactivitySeconds })}</p>
        <button
          type="button"
          className="attendant-button leave"
          data-testid="attendant-leave"
          onClick={leave}
        >
          {t('attendant.leave')}
        </button>
      </header>
      <nav className="attendant-tabs" role="tablist">
        {(['dashboard', 'actions', 'settings', 'audit'] as const).map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={tab === k}
            data-testid={`attendant-tab-${k}`}
            className={tab === k ? 'active' : ''}
            onClick={() => setTab(k)}
          >
            {t(`attendant.tabs.${k}`)}
          </button>
        ))}
      </nav>
      <div className="attendant-body">
        {tab === 'dashboard' && board ? <Dashboard board={board} /> : null}
        {tab === 'actions' ? <Actions /> : null}
        {tab === 'settings' ? <Settings /> : null}
        {tab === 'audit' ? <Audit /> : null}
      </div>
    </section>
  );
}
