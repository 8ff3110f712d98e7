import { useId, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import { ApiError } from '../../api/ApiError.js';
import { api } from '../../api/client.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { PageHeading } from '../../components/PageHeading.js';
import type { MessageKey } from '../../i18n/messages.js';
import { useText } from '../../preferences/PreferencesContext.js';
import { useSession } from '../../session/SessionContext.js';

/**
 * Sign in with username and password (POST /api/auth/login sets the session cookie). Shown at any
 * address while nobody is signed in; `notice` explains why (the session ended, signed out).
 */
export function LoginPage({ notice }: { notice?: MessageKey | undefined }): ReactElement {
  const { t } = useText();
  const { signedIn } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | 'missing' | undefined>();
  const id = useId();

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError('missing');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const { user } = await api.login(username.trim(), password);
      signedIn(user);
    } catch (e) {
      setError(ApiError.from(e));
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login">
      <PageHeading title={t('login.title')} />
      <p>{t('login.intro')}</p>
      {notice && <p className="notice notice--info" role="status">{t(notice)}</p>}
      {error === 'missing' && <p className="notice notice--error" role="alert">{t('login.missing')}</p>}
      {error instanceof ApiError && <ErrorNotice error={error} />}
      <form className="login__form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-username`}>{t('login.username')}</label>
          <input id={`${id}-username`} name="username" autoComplete="username" autoCapitalize="none" spellCheck={false}
            required aria-required="true" value={username} onChange={(e) => setUsername(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('login.password')}</label>
          <input id={`${id}-password`} name="password" type="password" autoComplete="current-password"
            required aria-required="true" value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        <button type="submit" className="button button--primary" disabled={busy}>{busy ? t('login.submitting') : t('login.submit')}</button>
      </form>
    </div>
  );
}
