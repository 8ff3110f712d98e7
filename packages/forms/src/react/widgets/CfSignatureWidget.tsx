import { useRef, useState } from 'react';
import type { PointerEvent, ReactElement } from 'react';
import type { WidgetProps } from '@rjsf/utils';
import { ariaDescribedByIds } from '@rjsf/utils';
import { taskFormContext } from '../formContext.js';
import { uiText } from '../uiText.js';

const WIDTH = 600;
const HEIGHT = 200;

type Status = 'idle' | 'uploading' | 'failed' | 'empty' | 'unavailable';

function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob gave no image'))), 'image/png');
  });
}

/**
 * `cf-signature`: a signature pad. Drawing uses pointer events (finger, pen or mouse); "确认签名"
 * exports the pad as a PNG, uploads it through the host's `uploadFile` port and stores only the
 * attachment id. People who cannot draw (keyboard, screen reader, tremor) type the name instead:
 * it is rendered onto the pad and uploaded the same way, so the data has one shape. The typed-name
 * box carries the field's id, so the label and the error summary lead keyboard users to it.
 */
export function CfSignatureWidget(props: WidgetProps): ReactElement {
  const { id, value, required, disabled, readonly, onChange, onBlur, onFocus, registry, rawErrors, label } = props;
  const ctx = taskFormContext(registry);
  const text = uiText(ctx.locale);
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [hasInk, setHasInk] = useState(false);
  const [typed, setTyped] = useState('');
  const [status, setStatus] = useState<Status>('idle');
  const hasValue = typeof value === 'string' && value !== '';
  const editable = !readonly && !disabled;

  const point = (e: PointerEvent<HTMLCanvasElement>): [number, number] => {
    const rect = e.currentTarget.getBoundingClientRect();
    // The canvas is drawn at a fixed resolution and scaled by CSS to the screen width.
    return [((e.clientX - rect.left) * WIDTH) / (rect.width || WIDTH), ((e.clientY - rect.top) * HEIGHT) / (rect.height || HEIGHT)];
  };
  const context2d = (): CanvasRenderingContext2D | null => canvas.current?.getContext('2d') ?? null;

  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>): void => {
    if (!editable) return;
    const g = context2d();
    if (!g) return;
    e.currentTarget.setPointerCapture?.(e.pointerId);
    drawing.current = true;
    const [x, y] = point(e);
    g.lineWidth = 3;
    g.lineCap = 'round';
    g.lineJoin = 'round';
    g.strokeStyle = '#111';
    g.beginPath();
    g.moveTo(x, y);
    // A tap leaves a dot.
    g.lineTo(x + 0.1, y + 0.1);
    g.stroke();
    setHasInk(true);
  };
  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>): void => {
    if (!drawing.current) return;
    const g = context2d();
    if (!g) return;
    const [x, y] = point(e);
    g.lineTo(x, y);
    g.stroke();
  };
  const onPointerUp = (): void => {
    drawing.current = false;
  };

  const clear = (): void => {
    context2d()?.clearRect(0, 0, WIDTH, HEIGHT);
    setHasInk(false);
    setTyped('');
    setStatus('idle');
  };

  const confirm = async (): Promise<void> => {
    const el = canvas.current;
    const g = context2d();
    if (!el || !g) return;
    const name = typed.trim();
    if (!hasInk && name === '') {
      setStatus('empty');
      return;
    }
    if (!ctx.uploadFile) {
      setStatus('unavailable');
      return;
    }
    if (!hasInk) {
      g.clearRect(0, 0, WIDTH, HEIGHT);
      g.fillStyle = '#111';
      g.font = '64px "KaiTi", "STKaiti", "Kaiti SC", serif';
      g.textAlign = 'center';
      g.textBaseline = 'middle';
      g.fillText(name, WIDTH / 2, HEIGHT / 2, WIDTH - 40);
    }
    setStatus('uploading');
    try {
      const png = await canvasToPng(el);
      const { id: attachmentId } = await ctx.uploadFile(new File([png], 'signature.png', { type: 'image/png' }));
      setStatus('idle');
      onChange(attachmentId);
    } catch {
      setStatus('failed');
    }
  };

  const redo = (): void => {
    clear();
    onChange(undefined);
  };

  const instructionsId = `${id}__instructions`;
  const typedLabelId = `${id}__typed-label`;
  const statusText =
    status === 'uploading' ? text.uploading : status === 'failed' ? text.uploadFailed : status === 'empty' ? text.signatureEmpty : status === 'unavailable' ? text.uploadUnavailable : hasValue ? text.signatureSaved : '';

  return (
    <div className="cf-signature">
      {editable && !hasValue && (
        <>
          <p id={instructionsId} className="cf-hint">
            {text.signatureInstructions}
          </p>
          <canvas
            ref={canvas}
            width={WIDTH}
            height={HEIGHT}
            className="cf-signature__pad"
            role="img"
            aria-label={text.signaturePad(label)}
            aria-describedby={instructionsId}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={onPointerUp}
          />
          <label id={typedLabelId} htmlFor={id} className="cf-sublabel">
            {text.signatureTyped}
          </label>
          <input
            type="text"
            id={id}
            className="cf-input"
            value={typed}
            autoComplete="name"
            required={required}
            aria-labelledby={`${id}__label ${typedLabelId}`}
            aria-invalid={(rawErrors?.length ?? 0) > 0 || undefined}
            aria-describedby={`${ariaDescribedByIds(id)} ${instructionsId}`}
            onChange={(e) => setTyped(e.target.value)}
            onBlur={() => onBlur(id, value)}
            onFocus={() => onFocus(id, value)}
          />
          <div className="cf-inline">
            <button type="button" className="cf-button cf-button--secondary" onClick={clear}>
              {text.signatureClear}
            </button>
            <button type="button" className="cf-button" onClick={() => void confirm()} disabled={status === 'uploading'}>
              {text.signatureConfirm}
            </button>
          </div>
        </>
      )}
      {hasValue && editable && (
        <button type="button" id={id} className="cf-button cf-button--secondary" onClick={redo}>
          {text.signatureRedo}
        </button>
      )}
      <p className="cf-status" role="status" aria-live="polite" data-attachment-id={hasValue ? value : undefined}>
        {statusText}
      </p>
    </div>
  );
}
