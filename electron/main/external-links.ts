/**
 * Opening links in the person's browser. Only https, only after a native dialog that shows where
 * the link goes: a compromised page must not be able to launch arbitrary URL handlers (file:,
 * smb:, custom schemes) or silently open phishing pages.
 */

export interface MessageBoxOptionsLike {
  type: 'question';
  buttons: string[];
  defaultId: number;
  cancelId: number;
  title: string;
  message: string;
  detail: string;
  noLink: boolean;
}

export interface ExternalLinkDeps {
  /** dialog.showMessageBox bound to the main window. */
  showMessageBox(options: MessageBoxOptionsLike): Promise<{ response: number }>;
  shell: { openExternal(url: string): Promise<void> };
}

/** The URL when it may leave the app: https, no embedded credentials, a real host. */
export function externalLinkTarget(url: string): URL | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (
    parsed.protocol !== 'https:' ||
    parsed.username !== '' ||
    parsed.password !== '' ||
    parsed.hostname === ''
  )
    return null;
  return parsed;
}

export function createExternalLinkOpener(
  deps: ExternalLinkDeps,
): (url: string) => Promise<boolean> {
  return async function openExternalLink(url: string): Promise<boolean> {
    const target = externalLinkTarget(url);
    if (!target) return false;
    const choice = await deps.showMessageBox({
      type: 'question',
      buttons: ['Open in browser', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      title: 'Open link',
      message: `Open ${target.hostname} in your web browser?`,
      detail: target.href,
      noLink: true,
    });
    if (choice.response !== 0) return false;
    await deps.shell.openExternal(target.href);
    return true;
  };
}
