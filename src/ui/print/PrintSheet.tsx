import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { usePrintStore } from '../../state/printStore';
import { printDate, sheetContent } from './printContent';
import { drawSheet } from './printPage';
import './print.css';

const PRINT_SCALE = 150 / 72;

/**
 * What the browser prints (Ctrl+P, or „Drucken …“ in the print dialog): the sheet of the view
 * shown now, with the last chosen paper, orientation and title, instead of the app with its
 * sidebar. Drawn in `beforeprint`, synchronously, since the browser lays out the print right after.
 * The Kreistag view prints its own picture (coverage.css) and is left alone.
 */
export function PrintSheet() {
  const sheet = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = () => {
      const element = sheet.current;
      // Drawn once per print (a second beforeprint would see the app already hidden), never over the Kreistag view.
      if (!element || document.body.classList.contains('coverage-presenting') || document.body.classList.contains('printing-sheet')) return;
      const { paper, orientation, capture, titleFor } = usePrintStore.getState();
      const content = sheetContent();
      element.replaceChildren();
      if (!content || !capture) return;
      if (content.refusal) {
        const note = document.createElement('p');
        note.textContent = content.refusal;
        element.append(note);
      } else {
        const title = titleFor(content.view, content.title);
        const canvas = drawSheet(content, capture.now(), { paper, orientation, title }, printDate().text, PRINT_SCALE);
        canvas.setAttribute('role', 'img');
        canvas.setAttribute('aria-label', `${title}: ${content.description}`);
        element.append(canvas);
        // The paper: a named page of print.css.
        document.body.dataset.printPage = `${paper}-${orientation}`;
      }
      document.body.classList.add('printing-sheet');
    };
    const after = () => {
      document.body.classList.remove('printing-sheet');
      delete document.body.dataset.printPage;
      sheet.current?.replaceChildren();
    };
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
      after();
    };
  }, []);
  // A child of <body>, so the print hides everything else (print.css).
  return createPortal(<div className="print-sheet" ref={sheet} data-testid="print-sheet" />, document.body);
}
