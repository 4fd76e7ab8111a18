/**
 * Who may call main over IPC: only the top frame of the main window, showing the UI's own origin.
 * An iframe (even a same-origin one), another window, or a page that navigated elsewhere is
 * refused, whatever channel it found.
 */

export interface FrameLike {
  readonly url: string;
  readonly processId: number;
  readonly routingId: number;
  readonly parent: FrameLike | null;
}

export interface InvokeEventLike {
  readonly senderFrame: FrameLike | null;
}

export interface TrustedWindowLike {
  isDestroyed(): boolean;
  readonly webContents: { readonly mainFrame: FrameLike };
}

export type SenderCheck = (event: InvokeEventLike) => boolean;

export function createSenderGuard(
  getWindow: () => TrustedWindowLike | null,
  isTrustedUrl: (url: string) => boolean,
): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    const window = getWindow();
    if (!frame || !window || window.isDestroyed()) return false;
    if (frame.parent !== null) return false;
    // Frames are compared by identity numbers: WebFrameMain wrappers need not be the same object.
    const top = window.webContents.mainFrame;
    if (frame.processId !== top.processId || frame.routingId !== top.routingId) return false;
    return isTrustedUrl(frame.url);
  };
}
