import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { kioskApi } from './api';
import { App } from './App';
import { initI18n } from './i18n';
import { wireStores } from './state/wire';
import { warmUpWhenIdle } from './warm-up';
import './styles.css';

// A kiosk is not a browser: no context menu, no pinch or ctrl-wheel zoom, no drag-out.
window.addEventListener('contextmenu', (e) => e.preventDefault());
window.addEventListener('wheel', (e) => e.ctrlKey && e.preventDefault(), { passive: false });
window.addEventListener('dragstart', (e) => e.preventDefault());
document.addEventListener('gesturestart', (e) => e.preventDefault());

async function start(): Promise<void> {
  await initI18n('zh-CN');
  wireStores(kioskApi());
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  warmUpWhenIdle();
}

void start();
