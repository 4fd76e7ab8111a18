/**
 * The tray icon: queue status in the tooltip and the menu, plus Show and Quit. The menu is only
 * rebuilt when its text changes; engine.status arrives up to ten times a second.
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface TrayLike<M> {
  setToolTip(text: string): void;
  setContextMenu(menu: M): void;
  on(event: 'click', listener: () => void): unknown;
}

export interface TrayDeps<M> {
  tray: TrayLike<M>;
  buildMenu(template: MenuItemConstructorOptions[]): M;
  onShow(): void;
  onQuit(): void;
}

export function trayMenuTemplate(
  summary: string,
  actions: { onShow(): void; onQuit(): void },
): MenuItemConstructorOptions[] {
  return [
    { label: summary, enabled: false },
    { type: 'separator' },
    { label: 'Show CheckDesk', click: () => actions.onShow() },
    { label: 'Quit CheckDesk', click: () => actions.onQuit() },
  ];
}

export class TrayController<M> {
  private readonly deps: TrayDeps<M>;
  private shown: string | null = null;

  constructor(deps: TrayDeps<M>) {
    this.deps = deps;
    // Windows and Linux users expect a click on the tray icon to bring the window back.
    deps.tray.on('click', () => deps.onShow());
    this.update('Starting…');
  }

  update(summary: string): void {
    if (summary === this.shown) return;
    this.shown = summary;
    this.deps.tray.setToolTip(`CheckDesk — ${summary}`);
    this.deps.tray.setContextMenu(this.deps.buildMenu(trayMenuTemplate(summary, this.deps)));
  }
}
