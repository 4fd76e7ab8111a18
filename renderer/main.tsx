import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import './styles.css';

// The access token arrives once in the URL (browser host); the server turned it into a cookie,
// so drop it from the address bar, history and screenshots.
if (window.location.search.includes('token=')) {
  window.history.replaceState(null, '', window.location.pathname + window.location.hash);
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
