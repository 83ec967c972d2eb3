import { create } from 'zustand';
import type { Orientation, Paper } from '../domain/print/layout';
import type { MapCapture } from '../domain/print/picture';

export type PrintFormat = 'pdf' | 'png';

interface PrintState {
  paper: Paper;
  orientation: Orientation;
  format: PrintFormat;
  /** The planner's title for one view („Sozialräume“, …); another view prints its own (printContent). */
  title: { view: string; text: string } | null;
  /** How to get the main map's picture; set while the main map exists (src/app/map/mainMap.ts). */
  capture: MapCapture | null;
  setPaper(paper: Paper): void;
  setOrientation(orientation: Orientation): void;
  setFormat(format: PrintFormat): void;
  setTitle(view: string, text: string | null): void;
  /** The title to print for `view`: the planner's, if given for that view, else `fallback`. */
  titleFor(view: string, fallback: string): string;
  setCapture(capture: MapCapture | null): void;
}

/**
 * „Drucken / als PDF“: the sheet's settings, kept while the atlas is open so Ctrl+P and the next
 * print use the last choice (src/ui/print/).
 */
export const usePrintStore = create<PrintState>((set, get) => ({
  paper: 'A4',
  orientation: 'quer',
  format: 'pdf',
  title: null,
  capture: null,
  setPaper: (paper) => set({ paper }),
  setOrientation: (orientation) => set({ orientation }),
  setFormat: (format) => set({ format }),
  setTitle: (view, text) => set({ title: text === null || text.trim() === '' ? null : { view, text: text.trim() } }),
  titleFor: (view, fallback) => {
    const { title } = get();
    return title && title.view === view ? title.text : fallback;
  },
  setCapture: (capture) => set({ capture }),
}));
