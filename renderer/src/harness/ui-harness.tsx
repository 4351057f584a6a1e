/**
 * Test harness, not part of the app: mounts one UI component on its own so an e2e test can
 * drive it in Chromium before any screen uses it. Built by test/e2e/ui-components.test.ts from
 * test/e2e/harness/ui-harness.html; the app's bundle never includes it.
 *
 *   ?component=keypad&shuffled=1&x=1&length=18&masked=0&lang=en&large=1
 *   ?component=idle&idle=60&warning=10
 */
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../i18n';
import { IdleCountdown } from '../ui/IdleCountdown';
import { Keypad } from '../ui/Keypad';
import '../styles.css';

declare global {
  interface Window {
    /** What the harness observed, for the test to read. */
    harness: { submitted: string[]; timeouts: number };
  }
}

const params = new URLSearchParams(location.search);
const flag = (name: string) => params.get(name) === '1';
window.harness = { submitted: [], timeouts: 0 };

function KeypadHarness() {
  const [shown, setShown] = useState(true);
  const [submissions, setSubmissions] = useState(0);
  const length = Number(params.get('length') ?? '6');
  return (
    <main className="main harness">
      <div className="harness-column">
        {shown ? (
          <Keypad
            label={length === 6 ? '请输入 6 位密码' : '请输入身份证号码'}
            length={length}
            masked={params.get('masked') !== '0'}
            shuffled={flag('shuffled')}
            withX={flag('x')}
            autoSubmit={flag('auto')}
            onSubmit={(entry) => {
              window.harness.submitted.push(entry);
              setSubmissions((n) => n + 1);
            }}
          />
        ) : null}
        <p data-testid="submissions">{submissions}</p>
        <button type="button" data-testid="toggle" onClick={() => setShown((s) => !s)}>
          {shown ? 'hide' : 'show'}
        </button>
      </div>
    </main>
  );
}

function IdleHarness() {
  const [timedOut, setTimedOut] = useState(false);
  return (
    <main className="main harness">
      <div className="harness-column">
        <h1>{timedOut ? 'timed out' : 'session'}</h1>
        <button type="button" data-testid="touch-target">
          touch me
        </button>
        {timedOut ? null : (
          <IdleCountdown
            idleSeconds={Number(params.get('idle') ?? '60')}
            warningSeconds={Number(params.get('warning') ?? '10')}
            onTimeout={() => {
              window.harness.timeouts += 1;
              setTimedOut(true);
            }}
          />
        )}
      </div>
    </main>
  );
}

async function start(): Promise<void> {
  const lang = params.get('lang') === 'en' ? 'en' : 'zh-CN';
  await initI18n(lang);
  document.documentElement.lang = lang;
  document.documentElement.classList.toggle('large-text', flag('large'));
  const root = document.getElementById('root');
  if (!root) throw new Error('harness page has no #root');
  createRoot(root).render(
    <StrictMode>
      {params.get('component') === 'idle' ? <IdleHarness /> : <KeypadHarness />}
    </StrictMode>,
  );
}

void start();
