/** A screen that fails to render says so (with a way out) instead of leaving a blank window. */
import { Component, type ReactNode } from 'react';
import { translate, useLang } from '../i18n/index.ts';

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidUpdate(prev: { resetKey: string }): void {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    const lang = useLang.getState().lang;
    return (
      <div role="alert" className="notice notice-error" data-testid="screen-error">
        <p>{translate(lang, 'error.screen')}</p>
        <p>
          <code>{this.state.error.message}</code>
        </p>
        <button type="button" onClick={() => window.location.reload()}>
          {translate(lang, 'error.reload')}
        </button>
      </div>
    );
  }
}
