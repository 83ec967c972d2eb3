import { useEffect, useMemo, useRef, useState } from 'react';
import { ORIENTATIONS, PAPERS, type Orientation, type Paper } from '../../domain/print/layout';
import type { MapPicture } from '../../domain/print/picture';
import { printFileName } from '../../domain/print/request';
import { errorMessage } from '../../state/api';
import { printMapPdf } from '../../state/printApi';
import { usePrintStore, type PrintFormat } from '../../state/printStore';
import { toast } from '../../state/toastStore';
import { canvasToPngBlob, downloadBlob } from '../coverage/presentationPng';
import { Modal } from '../Modal';
import { printDate, sheetContent } from './printContent';
import { drawSheet, pdfRequest } from './printPage';
import './print.css';

/** Points to preview pixels (about 96 dpi, sharp enough to read the legend). */
const PREVIEW_SCALE = 1.35;
/** PNG at 150 dpi. */
const PNG_SCALE = 150 / 72;
/** The map is captured at twice the screen's density at least, for a sharp sheet. */
const PRINT_PIXEL_RATIO = 2;

const PAPER_LABELS: Record<Paper, string> = { A4: 'A4', A3: 'A3' };
const ORIENTATION_LABELS: Record<Orientation, string> = { quer: 'Querformat', hoch: 'Hochformat' };
const FORMAT_LABELS: Record<PrintFormat, string> = { pdf: 'PDF (Text durchsuchbar)', png: 'PNG (Bild, 150 dpi)' };

type Status = { kind: 'capturing' } | { kind: 'ready' } | { kind: 'making'; format: PrintFormat } | { kind: 'error'; message: string };

/**
 * „Drucken / als PDF“ of the view shown now: title (editable), A4 or A3, portrait or landscape,
 * PDF or PNG, and the preview of exactly that sheet. „Drucken …“ hands the same sheet to the
 * browser's print dialog (PrintSheet). Loaded on demand (Dialogs.tsx).
 */
export function PrintDialog({ onClose }: { onClose(): void }) {
  const { paper, orientation, format, capture, setPaper, setOrientation, setFormat, setTitle, titleFor } = usePrintStore();
  // The content of the view as it was when the dialog opened: the map behind does not change meanwhile.
  const content = useMemo(() => sheetContent(), []);
  const [picture, setPicture] = useState<MapPicture | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'capturing' });
  const [preview, setPreview] = useState<string | null>(null);
  const [titleText, setTitleText] = useState(content ? titleFor(content.view, content.title) : '');
  const abort = useRef<AbortController | null>(null);
  const made = useMemo(() => printDate(), []);

  useEffect(() => {
    if (!capture || !content || content.refusal) return;
    let live = true;
    capture.sharp(PRINT_PIXEL_RATIO).then(
      (result) => {
        if (!live) return;
        setPicture(result);
        setStatus({ kind: 'ready' });
      },
      (error) => live && setStatus({ kind: 'error', message: `Die Karte ließ sich nicht aufnehmen: ${errorMessage(error)}` }),
    );
    return () => {
      live = false;
      abort.current?.abort();
    };
  }, [capture, content]);

  const title = titleText.trim() === '' ? (content?.title ?? '') : titleText.trim();
  useEffect(() => {
    if (!picture || !content) return;
    // Typing the title redraws after a short pause, not on every key.
    const timer = setTimeout(() => {
      const canvas = drawSheet(content, picture, { paper, orientation, title }, made.text, PREVIEW_SCALE);
      setPreview(canvas.toDataURL('image/png'));
    }, 150);
    return () => clearTimeout(timer);
  }, [picture, content, paper, orientation, title, made]);

  const chooseTitle = (value: string) => {
    setTitleText(value);
    if (content) setTitle(content.view, value.trim() === content.title ? null : value);
  };

  const make = async () => {
    if (!picture || !content) return;
    const settings = { paper, orientation, title };
    const fileName = printFileName(content.district, content.view, made.iso, format);
    setStatus({ kind: 'making', format });
    abort.current = new AbortController();
    try {
      const blob =
        format === 'pdf'
          ? await printMapPdf(pdfRequest(content, picture, settings), abort.current.signal)
          : await canvasToPngBlob(drawSheet(content, picture, settings, made.text, PNG_SCALE));
      downloadBlob(blob, fileName);
      setStatus({ kind: 'ready' });
      toast.success(`Karte gespeichert: ${fileName}`);
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') return;
      setStatus({ kind: 'error', message: `${format === 'pdf' ? 'Das PDF' : 'Das PNG'} ließ sich nicht erstellen: ${errorMessage(error)}` });
    }
  };

  if (!content) return null;
  const busy = status.kind === 'capturing' || status.kind === 'making';
  const footer = content.refusal ? (
    <button type="button" className="button" onClick={onClose}>
      Schließen
    </button>
  ) : (
    <>
      <button type="button" className="button" onClick={onClose}>
        Schließen
      </button>
      <button type="button" className="button" onClick={() => window.print()} disabled={!picture} data-testid="print-browser" title="Dieses Blatt über den Druckdialog des Browsers drucken">
        Drucken …
      </button>
      <button type="button" className="button button--primary" onClick={() => void make()} disabled={!picture || busy} data-testid="print-make">
        {format === 'pdf' ? 'PDF erstellen' : 'PNG speichern'}
      </button>
    </>
  );

  return (
    <Modal title="Karte drucken / als PDF" onClose={onClose} wide testId="print-dialog" footer={footer}>
      {content.refusal ? (
        <p className="form-error" role="alert" data-testid="print-refused">
          {content.refusal}
        </p>
      ) : (
        <div className="print-dialog">
          <div className="print-dialog__choices">
            <label className="field">
              Titel
              <input type="text" value={titleText} maxLength={160} onChange={(event) => chooseTitle(event.target.value)} data-testid="print-title" />
            </label>
            <RadioChoice legend="Papier" name="paper" options={PAPERS} labels={PAPER_LABELS} value={paper} onChange={setPaper} />
            <RadioChoice legend="Ausrichtung" name="orientation" options={ORIENTATIONS} labels={ORIENTATION_LABELS} value={orientation} onChange={setOrientation} />
            <RadioChoice legend="Datei" name="format" options={['pdf', 'png'] as const} labels={FORMAT_LABELS} value={format} onChange={setFormat} />
            <p className="hint">
              Das Blatt zeigt den Kartenausschnitt wie auf dem Bildschirm, mit Legende, Maßstab, Nordpfeil, Quellen mit Stand und Namensnennung. Strg+P druckt
              dasselbe Blatt.
            </p>
            <p className="hint" role="status" aria-live="polite" data-testid="print-status">
              {status.kind === 'capturing'
                ? 'Karte wird aufgenommen …'
                : status.kind === 'making'
                  ? status.format === 'pdf'
                    ? 'PDF wird erstellt …'
                    : 'PNG wird erstellt …'
                  : status.kind === 'ready'
                    ? 'Vorschau bereit.'
                    : ''}
            </p>
            {status.kind === 'error' && (
              <p className="form-error" role="alert" data-testid="print-error">
                {status.message}
              </p>
            )}
          </div>
          <figure className="print-dialog__preview" data-testid="print-preview" data-paper={paper} data-orientation={orientation} aria-busy={!preview}>
            {preview ? (
              <img src={preview} alt={`Vorschau des Blatts: ${title}, ${PAPER_LABELS[paper]} ${ORIENTATION_LABELS[orientation]}`} data-testid="print-preview-image" />
            ) : (
              <p className="hint">Vorschau wird gezeichnet …</p>
            )}
            <figcaption className="hint">
              Vorschau: {PAPER_LABELS[paper]} {ORIENTATION_LABELS[orientation]}
            </figcaption>
          </figure>
        </div>
      )}
    </Modal>
  );
}

/** One choice of the sheet as radio buttons (test ids `print-<name>-<option>`). */
function RadioChoice<T extends string>({ legend, name, options, labels, value, onChange }: { legend: string; name: string; options: readonly T[]; labels: Record<T, string>; value: T; onChange(value: T): void }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map((each) => (
        <label key={each} className="checkbox-line">
          <input type="radio" name={`print-${name}`} checked={value === each} onChange={() => onChange(each)} data-testid={`print-${name}-${each}`} />
          {labels[each]}
        </label>
      ))}
    </fieldset>
  );
}
