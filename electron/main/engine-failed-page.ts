/**
 * The page shown when the supervisor has given up on the engine. Served by the app:// protocol
 * (so under the same CSP) and built from escaped text only; it needs no script.
 */
import type { SupervisorState } from './engine-supervisor.ts';

export const ENGINE_FAILED_PAGE = 'engine-failed';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export function engineFailedPage(state: SupervisorState): string {
  const message = state.message ?? 'The engine is not running.';
  const logs = state.logDir
    ? `<p>The log files are in <code>${escapeHtml(state.logDir)}</code> (Help › Open Log Folder).</p>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>CheckDesk — the engine stopped</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0; background: #f5f7fa; color: #1c2430; }
  main { max-width: 40rem; margin: 12vh auto; padding: 2rem; background: #fff; border-radius: 8px; border-left: 6px solid #b3261e; }
  h1 { font-size: 1.4rem; margin-top: 0; }
  code { background: #eef1f5; padding: 0 .25rem; border-radius: 3px; word-break: break-all; }
</style>
</head>
<body>
<main role="alert">
  <h1>CheckDesk cannot process documents right now</h1>
  <p>${escapeHtml(message)}</p>
  ${logs}
  <p>No file or verification is lost: everything already recorded stays in the ledger, and anything that was being sent is checked with the provider before it is ever sent again.</p>
  <p>Choose <strong>File › Restart Engine</strong> to try again, or quit and reopen CheckDesk.</p>
</main>
</body>
</html>
`;
}
