import { type FormEvent, useState } from 'react';
import { ApiError, login } from '../api';
import { Button, type Errors, ErrorSummary, TextField } from '../forms';
import { navigate, useLocation, usePageTitle } from '../router';
import { setToken, takeReturnTo, useDraft } from '../session';

const LABELS = { email: 'Email address', password: 'Password' };

export function SignIn({ onSignedIn }: { onSignedIn: (token: string) => void }) {
  usePageTitle('Sign in');
  const { query } = useLocation();
  // The email is kept while the tab is open; the password never is.
  const [draft, update] = useDraft('sign-in', { email: '' });
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Errors = {};
    if (!draft.email.trim()) found.email = 'Enter your email address';
    else if (!/^[^\s@]+@[^\s@]+$/.test(draft.email.trim())) found.email = 'Enter an email address in the correct format, like name@example.org';
    if (!password) found.password = 'Enter your password';
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const token = await login(draft.email.trim(), password);
      setToken(token);
      onSignedIn(token);
      navigate(takeReturnTo() ?? '/', { replace: true });
    } catch (err) {
      setErrors({ _form: err instanceof ApiError ? err.message : 'Sign-in failed' });
      setBusy(false);
    }
  }

  return (
    <div className="two-thirds">
      {query.get('expired') && (
        <div className="notification" role="status">
          <p>Your session has ended. Sign in again to carry on: what you typed has been kept.</p>
        </div>
      )}
      {query.get('signedOut') && (
        <div className="notification notification--success" role="status">
          <p>You have signed out.</p>
        </div>
      )}
      <ErrorSummary errors={errors} labels={LABELS} />
      <h1>Sign in</h1>
      <p>Sign in with the email address and password your organisation gave you.</p>
      <form onSubmit={submit} noValidate>
        <TextField name="email" label={LABELS.email} type="email" autoComplete="username" value={draft.email} onChange={(email) => update({ email })} error={errors.email} />
        <TextField name="password" label={LABELS.password} type="password" autoComplete="current-password" value={password} onChange={setPassword} error={errors.password} />
        <Button busy={busy}>Sign in</Button>
      </form>
    </div>
  );
}
