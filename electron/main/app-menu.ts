/**
 * The application menu. Developer tools and reload exist only in unpackaged builds (the packaged
 * window also has devTools disabled in webPreferences, so no accelerator can open them either).
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  restartEngine(): void;
  openLogFolder(): void;
  openInboxFolder(): void;
  /** null where the OS offers no login items (Linux). */
  setOpenAtLogin: ((enabled: boolean) => void) | null;
  about(): void;
}

export interface MenuInput {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  openAtLogin: boolean;
  actions: MenuActions;
}

export function appMenuTemplate(input: MenuInput): MenuItemConstructorOptions[] {
  const { actions } = input;
  const mac = input.platform === 'darwin';
  const setOpenAtLogin = actions.setOpenAtLogin;

  const fileMenu: MenuItemConstructorOptions[] = [
    { label: 'Open Inbox Folder', click: () => actions.openInboxFolder() },
    { label: 'Restart Engine', click: () => actions.restartEngine() },
    ...(setOpenAtLogin
      ? [
          { type: 'separator' } as const,
          {
            label: 'Start at Login',
            type: 'checkbox',
            checked: input.openAtLogin,
            click: (item: { checked: boolean }) => setOpenAtLogin(item.checked),
          } satisfies MenuItemConstructorOptions,
        ]
      : []),
    { type: 'separator' },
    mac ? { role: 'close' } : { role: 'quit', label: 'Quit CheckDesk' },
  ];

  const viewMenu: MenuItemConstructorOptions[] = [
    ...(input.isPackaged
      ? []
      : ([
          { role: 'reload' },
          { role: 'forceReload' },
          { role: 'toggleDevTools' },
          { type: 'separator' },
        ] as const)),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];

  const template: MenuItemConstructorOptions[] = [
    ...(mac
      ? [
          {
            label: 'CheckDesk',
            submenu: [
              { role: 'about' },
              { type: 'separator' },
              { role: 'hide' },
              { role: 'hideOthers' },
              { role: 'unhide' },
              { type: 'separator' },
              { role: 'quit' },
            ],
          } satisfies MenuItemConstructorOptions,
        ]
      : []),
    { label: 'File', submenu: fileMenu },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    { label: 'View', submenu: viewMenu },
    {
      label: 'Window',
      submenu: mac
        ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }]
        : [{ role: 'minimize' }, { role: 'close' }],
    },
    {
      role: 'help',
      submenu: [
        { label: 'Open Log Folder', click: () => actions.openLogFolder() },
        ...(mac ? [] : [{ label: 'About CheckDesk', click: () => actions.about() }]),
      ],
    },
  ];
  return template;
}
