import { create } from 'zustand';
import type { PickedFile } from './collect.ts';

interface IntakeStore {
  open: boolean;
  files: PickedFile[];
  /** Bumped by every drop, so a new drop starts a fresh dialog. */
  version: number;
  show(files?: PickedFile[]): void;
  hide(): void;
}

/** Whether the "add files to an inbox" dialog is open, and with which files. */
export const useIntake = create<IntakeStore>((set) => ({
  open: false,
  files: [],
  version: 0,
  show(files = []) {
    set((s) => ({ open: true, files, version: s.version + 1 }));
  },
  hide() {
    set({ open: false, files: [] });
  },
}));
