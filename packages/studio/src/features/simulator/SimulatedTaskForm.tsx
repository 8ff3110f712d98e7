import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import type { UploadFile } from '@civicflow/forms/react';
import type { ProcessDefinition } from '@civicflow/engine';
import type { SimulationTask } from '@civicflow/engine/testing';
import type { ApiError } from '../../api/ApiError.js';
import { LoadedTaskForm } from '../../components/LoadedTaskForm.js';
import { useAsync } from '../../hooks/useAsync.js';
import { useText } from '../../preferences/PreferencesContext.js';
import { ServerFormErrors } from '../task/ServerFormErrors.js';
import type { SimulationValidator } from './simulationValidator.js';

const ID_PREFIX = 'sim';

/**
 * The form of a simulated task: `<TaskForm>` with the form's precompiled validator (the one the
 * engine validates with, so the page and the engine agree), and the engine's refusal listed by
 * field beside it. Attachments stay in the browser: the simulator gives each file a made-up id.
 */
export function SimulatedTaskForm({ task, definition, validator, onSubmit, onClose }: {
  task: SimulationTask;
  definition: ProcessDefinition;
  validator: SimulationValidator;
  onSubmit(data: unknown): ApiError | undefined;
  onClose(): void;
}): ReactElement {
  const { t, text } = useText();
  const id = useId();
  const [refusal, setRefusal] = useState<ApiError | undefined>();
  const loaded = useAsync(() => validator.load(definition, task.formId), `${definition.id}@${definition.version}/${task.formId}`);
  const uploads = useRef(0);
  const uploadFile: UploadFile = useCallback(async () => {
    uploads.current += 1;
    return { id: `att_simulated_${uploads.current}` };
  }, []);
  // Opened from the list below: focus moves here, so keyboard and screen-reader users land on the form.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const submit = useCallback((data: unknown) => {
    setRefusal(onSubmit(data));
  }, [onSubmit]);

  return (
    <section className="panel simulator-form" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} ref={heading} tabIndex={-1}>{t('simulator.formHeading', { task: text(task.title) })}</h2>
      {refusal && <ServerFormErrors error={refusal} schema={task.formSchema} idPrefix={ID_PREFIX} />}
      <LoadedTaskForm validator={loaded} schema={task.formSchema} uiSchema={task.uiSchema} idPrefix={ID_PREFIX} uploadFile={uploadFile} onSubmit={submit} />
      <p className="actions"><button type="button" className="button button--quiet" onClick={onClose}>{t('simulator.closeForm')}</button></p>
    </section>
  );
}
