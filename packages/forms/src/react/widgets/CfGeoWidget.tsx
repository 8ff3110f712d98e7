import { useState } from 'react';
import type { ReactElement } from 'react';
import type { WidgetProps } from '@rjsf/utils';
import { ariaDescribedByIds } from '@rjsf/utils';
import { PlainText } from '../PlainText.js';
import { taskFormContext } from '../formContext.js';
import { uiText } from '../uiText.js';

/** The coordinate systems FIELDS.md allows, in the order offered. */
export const GEO_CRS = ['GCJ-02', 'CGCS2000', 'WGS-84'] as const;

/** A `geo` value: latitude, longitude and the coordinate system they are in. */
export interface GeoValue {
  lat?: number;
  lng?: number;
  crs?: (typeof GEO_CRS)[number];
}

type Status = 'idle' | 'locating' | 'located' | 'failed';

function parseCoordinate(raw: string): number | undefined {
  if (raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * `cf-geo`: latitude and longitude boxes, the coordinate system (GCJ-02 for Amap/Tencent maps,
 * CGCS2000 for Tianditu, WGS-84 for GPS) and, where the device can locate, "使用我的位置" — which
 * fills in the GPS position, so its system is always WGS-84 (no conversion is guessed here; the
 * server converts when it needs to). Part errors (e.g. a latitude out of range) come in
 * `options.partErrors`.
 */
export function CfGeoWidget(props: WidgetProps): ReactElement {
  const { id, value, required, disabled, readonly, onChange, registry, label, options, rawErrors } = props;
  const text = uiText(taskFormContext(registry).locale);
  const geo: GeoValue = value && typeof value === 'object' ? (value as GeoValue) : {};
  const [status, setStatus] = useState<Status>('idle');
  const partErrors = (options['partErrors'] ?? {}) as Partial<Record<'lat' | 'lng' | 'crs', string[]>>;
  const canLocate = typeof navigator !== 'undefined' && 'geolocation' in navigator && Boolean(navigator.geolocation);
  const editable = !readonly && !disabled;

  const set = (patch: Partial<GeoValue>): void => {
    const next: Record<string, unknown> = { ...geo, ...patch };
    for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
    onChange(Object.keys(next).length === 0 ? undefined : next);
  };

  const locate = (): void => {
    if (!canLocate) return;
    setStatus('locating');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        // Six decimals is about 0.1 m: more digits only pretend to a precision phones lack.
        const round = (n: number): number => Math.round(n * 1e6) / 1e6;
        set({ lat: round(pos.coords.latitude), lng: round(pos.coords.longitude), crs: 'WGS-84' });
        setStatus('located');
      },
      () => setStatus('failed'),
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    );
  };

  const part = (key: 'lat' | 'lng', title: string, min: number, max: number): ReactElement => {
    const partId = `${id}_${key}`;
    const errors = partErrors[key] ?? [];
    return (
      <div className="cf-geo__part">
        <label htmlFor={partId} className="cf-sublabel">
          {title}
        </label>
        <input
          type="number"
          inputMode="decimal"
          step="any"
          min={min}
          max={max}
          id={partId}
          className="cf-input cf-input--coordinate"
          value={geo[key] ?? ''}
          required={required}
          disabled={disabled}
          readOnly={readonly}
          aria-invalid={errors.length > 0 || undefined}
          aria-describedby={ariaDescribedByIds(partId)}
          onChange={(e) => set({ [key]: parseCoordinate(e.target.value) })}
        />
        {errors.length > 0 && (
          <div id={`${partId}__error`} className="cf-field-errors">
            {errors.map((m, i) => (
              <p key={i} className="cf-field-error">
                <PlainText text={m} />
              </p>
            ))}
          </div>
        )}
      </div>
    );
  };

  const crsId = `${id}_crs`;
  const statusText = status === 'locating' ? text.locating : status === 'located' ? text.located : status === 'failed' ? text.locationFailed : '';
  return (
    <fieldset id={id} className="cf-geo" aria-invalid={(rawErrors?.length ?? 0) > 0 || undefined}>
      <legend className="cf-legend">
        <PlainText text={label} />
        {required && (
          <span className="cf-required" aria-hidden="true">
            *
          </span>
        )}
      </legend>
      {part('lat', text.latitude, -90, 90)}
      {part('lng', text.longitude, -180, 180)}
      <div className="cf-geo__part">
        <label htmlFor={crsId} className="cf-sublabel">
          {text.crs}
        </label>
        <select
          id={crsId}
          className="cf-input"
          value={geo.crs ?? ''}
          required={required}
          disabled={disabled || readonly}
          aria-describedby={ariaDescribedByIds(crsId)}
          onChange={(e) => set({ crs: (e.target.value || undefined) as GeoValue['crs'] })}
        >
          <option value="">{text.choose}</option>
          {GEO_CRS.map((crs) => (
            <option key={crs} value={crs}>
              {text.crsNames[crs] ?? crs}
            </option>
          ))}
        </select>
      </div>
      {editable && canLocate && (
        <button type="button" className="cf-button cf-button--secondary" onClick={locate} disabled={status === 'locating'}>
          {text.useMyLocation}
        </button>
      )}
      {editable && !canLocate && <p className="cf-hint">{text.locationUnavailable}</p>}
      <p className="cf-status" role="status" aria-live="polite">
        {statusText}
      </p>
    </fieldset>
  );
}
