/** The engine's version, shown in `checkdesk --version` and the status snapshot. */
export const VERSION = '0.1.0';
