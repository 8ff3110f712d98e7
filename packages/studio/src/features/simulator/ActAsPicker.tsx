import { useId } from 'react';
import type { ReactElement } from 'react';
import type { LocalizedText } from '@civicflow/engine';
import { useText } from '../../preferences/PreferencesContext.js';
import { withCode } from './simulatedPeople.js';
import type { SimulatedUnit } from './simulatedPeople.js';

/** Who the person acts as: a role of the process in a unit of the demo county. */
export interface ActAs {
  role: string;
  unit: string;
  /** A named person (a task assigned to one person), when acting as them. */
  person?: string | undefined;
}

/** "Act as": two labelled selects, role and unit, and a line saying who that is. */
export function ActAsPicker({ roles, units, value, onChange }: {
  roles: readonly { role: string; title: LocalizedText }[];
  units: readonly SimulatedUnit[];
  value: ActAs;
  onChange(value: ActAs): void;
}): ReactElement {
  const { t, text, locale } = useText();
  const id = useId();
  const roleTitle = roles.find((r) => r.role === value.role)?.title;
  const unit = units.find((u) => u.path === value.unit);
  return (
    <section className="panel simulator-act-as" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('simulator.actAsHeading')}</h2>
      <div className="inline-form">
        <div className="field">
          <label htmlFor={`${id}-role`}>{t('simulator.role')}</label>
          <select id={`${id}-role`} value={value.role} onChange={(e) => onChange({ role: e.target.value, unit: value.unit })}>
            {roles.map((r) => <option key={r.role} value={r.role}>{withCode(text(r.title), r.role, locale)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-unit`}>{t('simulator.unit')}</label>
          <select id={`${id}-unit`} value={value.unit} onChange={(e) => onChange({ role: value.role, unit: e.target.value })}>
            {units.map((u) => <option key={u.path} value={u.path}>{`${text(u.name)} · ${u.path}`}</option>)}
          </select>
        </div>
      </div>
      <p className="simulator-act-as__who" role="status">
        {t('simulator.actingAs', { role: roleTitle ? withCode(text(roleTitle), value.role, locale) : value.role, unit: unit ? text(unit.name) : value.unit })}
        {value.person !== undefined && ` · ${value.person}`}
      </p>
    </section>
  );
}
