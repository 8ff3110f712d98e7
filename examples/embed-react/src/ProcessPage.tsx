import { useActor } from '@xstate/react';
import { useState } from 'react';
import type { ReactElement } from 'react';
import { CN_2027, formatInstant, openTasks, taskPart } from '@civicflow/engine';
import type { Actor, Effect, Locale, LocalizedText, ProcessDefinition } from '@civicflow/engine';
import { TaskForm } from '@civicflow/forms/react';
import formModules from 'virtual:civicflow/form-validators';
import exemption from '../../community-affairs-access/emergency-exemption.json';
import { formValidators } from './formValidators.js';
import { processLogic } from './processLogic.js';
import type { ProcessInput } from './processLogic.js';

// The process: 应急豁免 (emergency exemption from community access control). Any definition
// works the same way; vite.config.ts names the one whose forms are precompiled.
const definition = exemption as unknown as ProcessDefinition;
const validators = formValidators(definition, formModules);
const logic = processLogic(definition, { validator: validators.engine, calendar: CN_2027 });

const TOWN = 'county:huaxi/town:qingshi';
/** Who acts on this page: the township's emergency command (a real app takes the signed-in user). */
const ACTOR: Actor = { id: 'u-twp-cmd', roles: ['TWP_CMD'], orgUnit: TOWN };

const TEXT = {
  'zh-CN': {
    switchTo: 'English', intro: '流程在浏览器中运行：引擎的纯步进函数作为 XState actor（@xstate/react），每个待办的表单由 <TaskForm> 渲染。',
    tasks: '待办', due: '截止', ended: '办结', refused: '引擎拒绝了这次提交', effects: '上一步的效果（由宿主执行）', events: '历史事件',
  },
  en: {
    switchTo: '中文', intro: 'The process runs in the browser: the engine\'s pure step as an XState actor (@xstate/react), each task\'s form rendered by <TaskForm>.',
    tasks: 'Open tasks', due: 'due', ended: 'Ended', refused: 'The engine refused this submission', effects: 'Effects of the last step (for the host to run)', events: 'history events',
  },
} as const;

/** The host's clock: the engine never reads one, every command carries its time. */
const wallClock = (): string => formatInstant(Date.now());

function describeEffect(effect: Effect, text: (t: LocalizedText) => string): string {
  switch (effect.type) {
    case 'task.open': return `${text(taskPart(definition, effect.taskId, effect.task).title)}${effect.task.dueAt ? ` (${effect.task.dueAt})` : ''}`;
    case 'task.close': return `${effect.taskId} (${effect.reason})`;
    case 'timer.schedule': return `${effect.timer.dueAt} — ${text(effect.timer.basis)}`;
    case 'notify': return `${effect.role} @ ${effect.orgUnit}: ${text(effect.message)}`;
    case 'instance.ended': return `${effect.outcome}: ${text(effect.title)}`;
    default: return '';
  }
}

/**
 * One case of the process, in the page: the open tasks, the chosen task's form, what the engine
 * refused, the outcome, and the effects of the last step (data: a real host would persist the
 * snapshot and the timers, and send the notifications).
 */
export function ProcessPage({ clock = wallClock }: { clock?: () => string }): ReactElement {
  // The case starts when the page opens (a real app would load a stored snapshot instead).
  const [input] = useState<ProcessInput>(() => ({ start: { instanceId: 'EX-QS-2027-0720', orgUnit: TOWN, data: { response_level: 'Ⅱ' } }, now: clock(), actor: ACTOR }));
  const [state, send] = useActor(logic, { input });
  const [locale, setLocale] = useState<Locale>('zh-CN');
  const [chosen, setChosen] = useState<string | null>(null);
  const { snapshot, effects, refusal, history } = state.context;
  const t = TEXT[locale];
  const text = (localized: LocalizedText): string => localized[locale];
  const tasks = openTasks(definition, snapshot, ACTOR);
  const task = tasks.find((candidate) => candidate.id === chosen) ?? tasks[0];

  return (
    <main lang={locale} className="process-page">
      <header>
        <h1>{text(definition.title)}</h1>
        <button type="button" lang={locale === 'zh-CN' ? 'en' : 'zh-CN'} onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}>{t.switchTo}</button>
        <p>{t.intro}</p>
      </header>
      {snapshot.status === 'active' ? (
        <section aria-labelledby="tasks-heading">
          <h2 id="tasks-heading">{t.tasks}</h2>
          <ul className="task-list">
            {tasks.map((open) => (
              <li key={open.id}>
                <button type="button" aria-pressed={open.id === task?.id} onClick={() => setChosen(open.id)}>
                  {text(open.title)}{open.dueAt ? ` — ${t.due} ${open.dueAt}` : ''}
                </button>
              </li>
            ))}
          </ul>
          {task && (
            <section aria-labelledby="form-heading">
              <h3 id="form-heading">{text(task.title)}</h3>
              {refusal && <p role="alert" className="refusal">{t.refused}: {text(refusal.message)} ({refusal.code})</p>}
              <TaskForm key={task.id} schema={task.formSchema} uiSchema={task.uiSchema} validator={validators.forForm(task.formId)} locale={locale} injectStyles={false}
                onSubmit={(data) => send({ type: 'command', command: { type: 'complete', taskId: task.id, data }, now: clock(), actor: ACTOR })} />
            </section>
          )}
        </section>
      ) : (
        <p role="status" className="outcome">{t.ended}: {snapshot.context.outcome ? text(snapshot.context.outcome.title) : snapshot.status}</p>
      )}
      <section aria-labelledby="effects-heading">
        <h2 id="effects-heading">{t.effects}</h2>
        <ul className="effects">
          {effects.map((effect, i) => <li key={i}><code>{effect.type}</code> {describeEffect(effect, text)}</li>)}
        </ul>
        <p>{history.length} {t.events}</p>
      </section>
    </main>
  );
}
