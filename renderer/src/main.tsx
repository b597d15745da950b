import 'antd/dist/antd.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startServices } from './app/services';
import { getSettings, useSettingsStore } from './features/settings/store';
import { detectPlatform } from './platform';
import { StartupError } from './components/StartupError';
import { ErrorBoundary } from './components/ErrorBoundary';
import { startSync } from './features/sync/store';

/** server/static.ts marks the page it serves: this browser edition signs in to its own origin. */
const TEAM_SERVER_META = 'meta[name="zhaoshang-team-server"]';

async function boot() {
  const root = createRoot(document.getElementById('root')!);
  const platform = detectPlatform();
  try {
    await useSettingsStore.getState().load(platform);
    await startServices(platform, getSettings);
    const served = document.querySelector(TEAM_SERVER_META) ? window.location.origin : undefined;
    // Sync starts in the background: a server that is down never holds up the ledger.
    void startSync(served).catch((error: unknown) => console.error('sync did not start', error));
    root.render(
      <StrictMode>
        <ErrorBoundary scope="app">
          <App />
        </ErrorBoundary>
      </StrictMode>,
    );
  } catch (error) {
    root.render(<StartupError error={error} />);
  }
}

void boot();
