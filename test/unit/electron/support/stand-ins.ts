/**
 * Hand-written stand-ins for the Electron APIs that cannot run on the build machines. Each one
 * records what the code under test did with it, nothing more.
 */
import type {
  FrameLike,
  InvokeEventLike,
  TrustedWindowLike,
} from '../../../../electron/main/sender-guard.ts';
import type { SafeStorageLike } from '../../../../electron/main/credentials-store.ts';

type Listener = (event: InvokeEventLike, ...args: unknown[]) => unknown;

export class FakeIpcMain {
  readonly handlers = new Map<string, Listener>();

  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  async invoke(channel: string, event: InvokeEventLike, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
}

export function frame(
  url: string,
  ids: { processId?: number; routingId?: number } = {},
  parent: FrameLike | null = null,
): FrameLike {
  return { url, processId: ids.processId ?? 1, routingId: ids.routingId ?? 1, parent };
}

export function fakeWindow(top: FrameLike): TrustedWindowLike & { destroyed: boolean } {
  const window = {
    destroyed: false,
    isDestroyed: () => window.destroyed,
    webContents: { mainFrame: top },
  };
  return window;
}

/** Reversible but not clear: enough to prove nothing is written in clear and decryption is used. */
export class FakeSafeStorage implements SafeStorageLike {
  available = true;
  backend = 'gnome_libsecret';
  failDecrypt = false;
  readonly encrypted: string[] = [];

  isEncryptionAvailable(): boolean {
    return this.available;
  }

  getSelectedStorageBackend(): string {
    return this.backend;
  }

  encryptString(plainText: string): Buffer {
    this.encrypted.push(plainText);
    return Buffer.concat([Buffer.from('v10'), Buffer.from(plainText, 'utf8').map((b) => b ^ 0x5a)]);
  }

  decryptString(encrypted: Buffer): string {
    if (this.failDecrypt || encrypted.subarray(0, 3).toString() !== 'v10')
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
      );
    return Buffer.from(encrypted.subarray(3).map((b) => b ^ 0x5a)).toString('utf8');
  }
}
