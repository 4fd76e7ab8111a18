/** Zoom, rotation and the shown document of the case viewer (also driven by review shortcuts). */
import { create } from 'zustand';

export const ZOOMS = [0.5, 0.75, 1, 1.5, 2, 3, 4] as const;

interface ViewerStore {
  index: number;
  zoomStep: number;
  rotation: 0 | 90 | 180 | 270;
  show(index: number): void;
  zoom(delta: 1 | -1): void;
  fit(): void;
  rotate(delta: 90 | -90): void;
  reset(): void;
}

const FIT = ZOOMS.indexOf(1);

export const useViewer = create<ViewerStore>((set, get) => ({
  index: 0,
  zoomStep: FIT,
  rotation: 0,
  show(index) {
    set({ index, zoomStep: FIT, rotation: 0 });
  },
  zoom(delta) {
    set({ zoomStep: Math.min(ZOOMS.length - 1, Math.max(0, get().zoomStep + delta)) });
  },
  fit() {
    set({ zoomStep: FIT });
  },
  rotate(delta) {
    set({ rotation: ((((get().rotation + delta) % 360) + 360) % 360) as 0 | 90 | 180 | 270 });
  },
  reset() {
    set({ index: 0, zoomStep: FIT, rotation: 0 });
  },
}));
