import { useState, type FormEvent } from 'react';
import { useAuth } from '../auth/auth.js';
import { ErrorMessage } from '../components/error-message.js';
import { LanguageSwitch } from '../components/shell.js';
import { useI18n } from '../i18n/i18n.js';

export function LoginScreen() {
  const { t } = useI18n();
  const { login } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!username.trim() || !password) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setBusy(true);
    try {
      // the router sends the signed-in user on (a delegate to their meeting)
      await login(username.trim(), password);
    } catch (err: unknown) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <main id="main" className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <section className="login-card" aria-labelledby="login-title">
        <p className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">
            DH
          </span>
          <span>{t('app.name')}</span>
        </p>
        <p className="muted">{t('app.tagline')}</p>
        <h1 id="login-title">{t('login.title')}</h1>
        <p>{t('login.intro')}</p>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <div className="field">
            <label htmlFor="login-username">{t('login.username')}</label>
            <input id="login-username" name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} value={username} onChange={(e) => setUsername(e.target.value)} required aria-invalid={missing && !username.trim() ? true : undefined} />
          </div>
          <div className="field">
            <label htmlFor="login-password">{t('login.password')}</label>
            <input id="login-password" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required aria-invalid={missing && !password ? true : undefined} />
          </div>
          {missing ? (
            <p className="alert alert-error" role="alert">
              {t('login.required')}
            </p>
          ) : null}
          {error ? <ErrorMessage error={error} /> : null}
          <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </section>
    </main>
  );
}
