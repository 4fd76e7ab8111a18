/** Whether the export screen opens on "the selected cases" (handed over from the cases table). */
import { create } from 'zustand';

interface ExportDraft {
  fromSelection: boolean;
  handOver(): void;
  consumed(): void;
}

export const useExportDraft = create<ExportDraft>((set) => ({
  fromSelection: false,
  handOver() {
    set({ fromSelection: true });
  },
  consumed() {
    set({ fromSelection: false });
  },
}));
