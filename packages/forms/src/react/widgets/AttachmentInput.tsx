import { useEffect, useRef, useState } from 'react';
import type { ChangeEvent, ReactElement } from 'react';
import type { WidgetProps } from '@rjsf/utils';
import { ariaDescribedByIds } from '@rjsf/utils';
import { isAttachmentId } from '../../index.js';
import { PlainText } from '../PlainText.js';
import { taskFormContext } from '../formContext.js';
import { uiText } from '../uiText.js';

type Status = 'idle' | 'uploading' | 'failed' | 'badId' | 'unavailable';

/** The accepted types of an attachment field: its `x-cf-accept` list, else `image/*` for photos. */
export function acceptOf(schema: WidgetProps['schema'], photo: boolean): string {
  const accept = (schema as Record<string, unknown>)['x-cf-accept'];
  if (Array.isArray(accept) && accept.every((a) => typeof a === 'string') && accept.length > 0) return accept.join(',');
  return photo ? 'image/*' : '';
}

/**
 * The shared body of `cf-file` and `cf-photo`: a native file input; the chosen file goes to the
 * host's `uploadFile` port at once and only the attachment id it returns (`att_…`) is stored in
 * the form data — never the file's bytes or a data URL. Shows the file name, a remove button and,
 * for photos, a local preview (an object URL, released when replaced or unmounted).
 */
export function AttachmentInput(props: WidgetProps & { photo: boolean }): ReactElement {
  const { id, htmlName, value, required, disabled, readonly, autofocus, onChange, onBlur, onFocus, registry, rawErrors, label, schema, photo } = props;
  const ctx = taskFormContext(registry);
  const text = uiText(ctx.locale);
  const [status, setStatus] = useState<Status>('idle');
  const [fileName, setFileName] = useState<string>();
  const [preview, setPreview] = useState<string>();
  const upload = useRef(0);

  useEffect(() => () => {
    if (preview) URL.revokeObjectURL(preview);
  }, [preview]);

  const accept = acceptOf(schema, photo);
  const hasValue = typeof value === 'string' && value !== '';

  const onPick = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    // Cleared so that choosing the same file again still triggers a change.
    input.value = '';
    if (!file) return;
    if (!ctx.uploadFile) {
      setStatus('unavailable');
      return;
    }
    const attempt = ++upload.current;
    setStatus('uploading');
    setFileName(file.name);
    setPreview(photo ? URL.createObjectURL(file) : undefined);
    try {
      const result = await ctx.uploadFile(file);
      if (attempt !== upload.current) return;
      if (typeof result?.id !== 'string' || !isAttachmentId(result.id)) {
        setStatus('badId');
        return;
      }
      setStatus('idle');
      onChange(result.id);
    } catch {
      if (attempt === upload.current) setStatus('failed');
    }
  };

  const remove = (): void => {
    upload.current++;
    setStatus('idle');
    setFileName(undefined);
    setPreview(undefined);
    onChange(undefined);
  };

  const statusText =
    status === 'uploading' ? text.uploading : status === 'failed' ? text.uploadFailed : status === 'badId' ? text.uploadBadId : status === 'unavailable' ? text.uploadUnavailable : '';
  const acceptId = `${id}__accept`;
  const editable = !readonly && !disabled;
  return (
    <div className={`cf-attachment${photo ? ' cf-attachment--photo' : ''}`} aria-busy={status === 'uploading' || undefined}>
      {editable && (
        <input
          type="file"
          id={id}
          name={htmlName ?? id}
          className="cf-input cf-input--file"
          accept={accept || undefined}
          required={required && !hasValue}
          disabled={status === 'uploading'}
          autoFocus={autofocus}
          aria-invalid={(rawErrors?.length ?? 0) > 0 || undefined}
          aria-describedby={`${ariaDescribedByIds(id)}${accept ? ` ${acceptId}` : ''}`}
          onChange={(e) => void onPick(e)}
          onBlur={() => onBlur(id, value)}
          onFocus={() => onFocus(id, value)}
        />
      )}
      {accept && editable && (
        <p id={acceptId} className="cf-hint">
          {text.accepts(accept)}
        </p>
      )}
      {hasValue && (
        <div className="cf-attachment__file">
          <span className="cf-attachment__name" data-attachment-id={value}>
            <PlainText text={text.uploaded(fileName ?? value)} />
          </span>
          {editable && (
            <button type="button" className="cf-button cf-button--secondary" onClick={remove} aria-label={`${text.removeFile} ${fileName ?? label}`}>
              {text.removeFile}
            </button>
          )}
        </div>
      )}
      {photo && preview && hasValue && <img className="cf-attachment__preview" src={preview} alt={text.photoPreview(label)} />}
      <p className="cf-status" role="status" aria-live="polite">
        {statusText}
      </p>
    </div>
  );
}
