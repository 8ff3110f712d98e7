import type { Locale } from '@civicflow/engine';
import type { Registry } from '@rjsf/utils';

/**
 * The host's upload port: stores the file on the server and returns its attachment id
 * (`att_…`). Forms keep only that id in their data, never the file's bytes.
 */
export type UploadFile = (file: File) => Promise<{ id: string }>;

/** What `<TaskForm>` hands its templates and widgets through rjsf's `formContext`. */
export interface TaskFormContext {
  /** Locale of the interface text. */
  locale: Locale;
  /** The host's upload port; without it, file, photo and signature fields explain that upload is unavailable. */
  uploadFile?: UploadFile | undefined;
  /** Increases after each failed submit: the error summary takes focus when it changes. */
  focusRequest: number;
  /** Large-text (适老化) mode. */
  largeText: boolean;
  /** True while the host's `onSubmit` promise is pending. */
  submitting: boolean;
}

const FALLBACK: TaskFormContext = { locale: 'zh-CN', focusRequest: 0, largeText: false, submitting: false };

/** The {@link TaskFormContext} of a registry (defaults when a widget is rendered outside `<TaskForm>`). */
export function taskFormContext(registry: Pick<Registry, 'formContext'> | undefined): TaskFormContext {
  const ctx = registry?.formContext as Partial<TaskFormContext> | undefined;
  return { ...FALLBACK, ...ctx, locale: ctx?.locale === 'en' ? 'en' : 'zh-CN' };
}
