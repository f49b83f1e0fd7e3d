import { type SubmitEvent, useState } from 'react';
import { ApiError, changePassword, login, PasswordChangeRequiredError } from '../api';
import { Button, type Errors, ErrorSummary, TextField } from '../forms';
import { navigate, useLocation, usePageTitle } from '../router';
import { setToken, takeReturnTo, useDraft } from '../session';

const LABELS = { email: 'Email address', password: 'Password', newPassword: 'New password', confirm: 'New password again' };

export function SignIn({ onSignedIn }: { onSignedIn: (token: string) => void }) {
  usePageTitle('Sign in');
  const { query } = useLocation();
  // The email is kept while the tab is open; the password never is.
  const [draft, update] = useDraft('sign-in', { email: '' });
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  // Signed in with a temporary password: the token that allows only choosing a new one.
  const [resetToken, setResetToken] = useState<string | null>(null);
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');

  function signedIn(token: string) {
    setToken(token);
    onSignedIn(token);
    navigate(takeReturnTo() ?? '/', { replace: true });
  }

  async function choose(e: SubmitEvent) {
    e.preventDefault();
    const found: Errors = {};
    if (!newPassword) found.newPassword = 'Enter a new password';
    else if (newPassword !== confirm) found.confirm = 'Enter the same new password twice';
    setErrors(found);
    if (Object.keys(found).length || !resetToken) return;
    setBusy(true);
    try {
      await changePassword(resetToken, password, newPassword);
      signedIn(await login(draft.email.trim(), newPassword));
    } catch (err) {
      const fields = err instanceof ApiError ? err.fields : [];
      const problem = fields.find((f) => f.field === 'newPassword');
      setErrors(
        problem
          ? { newPassword: `The new password ${problem.messages.join('; ')}` }
          : { _form: err instanceof ApiError ? err.message : 'The password could not be changed' },
      );
      setBusy(false);
    }
  }

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const found: Errors = {};
    if (!draft.email.trim()) found.email = 'Enter your email address';
    else if (!/^[^\s@]+@[^\s@]+$/.test(draft.email.trim()))
      found.email = 'Enter an email address in the correct format, like name@example.org';
    if (!password) found.password = 'Enter your password';
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      signedIn(await login(draft.email.trim(), password));
    } catch (err) {
      if (err instanceof PasswordChangeRequiredError) {
        setResetToken(err.token);
        setErrors({});
        setBusy(false);
        return;
      }
      setErrors({ _form: err instanceof ApiError ? err.message : 'Sign-in failed' });
      setBusy(false);
    }
  }

  if (resetToken) {
    return (
      <div className="two-thirds">
        <ErrorSummary errors={errors} labels={LABELS} />
        <h1>Choose a new password</h1>
        <p>
          Your password was reset by your organisation. Choose a new one: at least 12 characters, hard to guess, not made of your name or
          email.
        </p>
        <form onSubmit={(e) => void choose(e)} noValidate>
          <TextField
            name="newPassword"
            label={LABELS.newPassword}
            type="password"
            autoComplete="new-password"
            value={newPassword}
            onChange={setNewPassword}
            error={errors.newPassword}
          />
          <TextField
            name="confirm"
            label={LABELS.confirm}
            type="password"
            autoComplete="new-password"
            value={confirm}
            onChange={setConfirm}
            error={errors.confirm}
          />
          <Button busy={busy}>Change password and sign in</Button>
        </form>
      </div>
    );
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
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          name="email"
          label={LABELS.email}
          type="email"
          autoComplete="username"
          value={draft.email}
          onChange={(email) => update({ email })}
          error={errors.email}
        />
        <TextField
          name="password"
          label={LABELS.password}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          error={errors.password}
        />
        <Button busy={busy}>Sign in</Button>
      </form>
    </div>
  );
}
