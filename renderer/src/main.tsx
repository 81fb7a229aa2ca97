import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api } from './api/client';
import { App } from './App';
import { ErrorBoundary } from './components/ErrorBoundary';
import { installErrorForwarding } from './errors';
import './i18n';
import './theme';
import './styles/base.css';
import './styles/layout.css';
import './styles/cards-forms.css';
import './styles/kpis-badges.css';
import './styles/tables.css';
import './styles/feedback.css';
import './styles/ingest.css';

api.init();
installErrorForwarding();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary>
        <App />
      </ErrorBoundary>
    </StrictMode>,
  );
}
