import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startServices } from './app/services';
import { getSettings, useSettingsStore } from './features/settings/store';
import { detectPlatform } from './platform';
import { StartupError } from './components/StartupError';
import { ErrorBoundary } from './components/ErrorBoundary';

async function boot() {
  const root = createRoot(document.getElementById('root')!);
  const platform = detectPlatform();
  try {
    await useSettingsStore.getState().load(platform);
    await startServices(platform, getSettings);
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
