/**
 * Adapts Electron's utilityProcess to the supervisor's EngineProcess. A utility process is a
 * Chromium-managed Node child: it works with the RunAsNode fuse off (child_process.fork from main
 * would not) and crashes without taking the window down.
 */
import type { EngineProcess } from './engine-supervisor.ts';

export interface UtilityChildLike {
  readonly pid: number | undefined;
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export interface UtilityForkLike {
  fork(
    modulePath: string,
    args?: string[],
    options?: { serviceName?: string; stdio?: 'inherit' | 'pipe' | 'ignore' },
  ): UtilityChildLike;
}

export function forkUtilityEngine(utility: UtilityForkLike, modulePath: string): EngineProcess {
  const child = utility.fork(modulePath, [], { serviceName: 'CheckDesk Engine', stdio: 'inherit' });
  return {
    get pid() {
      return child.pid;
    },
    postMessage: (message) => child.postMessage(message),
    onMessage: (listener) => {
      child.on('message', listener);
    },
    onExit: (listener) => {
      child.on('exit', (code) => listener(code));
    },
    kill: () => {
      child.kill();
    },
  };
}
