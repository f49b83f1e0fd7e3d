import { type SubmitEvent, useEffect, useRef, useState } from 'react';
import { ApiError, changePassword, identityProviders, login, PasswordChangeRequiredError, takeProviderToken } from '../api';
import { Button, type Errors, ErrorSummary, Select, TextField } from '../forms';
import { navigate, useLocation, usePageTitle } from '../router';
import { setToken, takeReturnTo, useDraft } from '../session';

const LABELS = {
  email: 'Email address',
  password: 'Password',
  newPassword: 'New password',
  confirm: 'New password again',
  organisation: 'Your organisation',
};

/** What the hub's refusal codes of a sign-in through an organisation's provider mean (libs/auth oidc-sign-in.service.ts). */
const PROVIDER_REFUSALS: Record<string, string> = {
  OIDC_NO_SIGN_IN: 'Your sign-in took too long or was already used. Start again.',
  OIDC_STATE_MISMATCH: 'The answer from your organisation’s sign-in did not match the sign-in you began. Start again.',
  OIDC_PROVIDER_REFUSED: 'Your organisation’s sign-in did not sign you in.',
  OIDC_PROVIDER_UNAVAILABLE: 'Your organisation’s sign-in could not be reached. Try again later.',
  OIDC_CODE_REJECTED: 'Your organisation’s sign-in refused the sign-in code: it was already used or has expired. Start again.',
  OIDC_WRONG_ISSUER: 'The answer did not come from your organisation’s sign-in.',
  OIDC_WRONG_AUDIENCE: 'The answer from your organisation’s sign-in was not meant for this service.',
  OIDC_TOKEN_EXPIRED: 'The answer from your organisation’s sign-in has expired. Start again.',
  OIDC_INVALID_TOKEN: 'The answer from your organisation’s sign-in did not pass our checks.',
  OIDC_MFA_REQUIRED: 'Your organisation asks you to sign in with a second factor (such as a security key or code). Start again and use it.',
  OIDC_NOT_LINKED: 'Your organisation’s account is not linked to a user of this service. Ask your organisation’s admin to link it.',
  OIDC_ACCOUNT_INACTIVE: 'Your account is not active. Ask your organisation’s admin.',
};

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
  // Sign-in through the organisation's own identity provider.
  const [providers, setProviders] = useState<{ organisationId: string; name: string }[]>([]);
  const [organisation, setOrganisation] = useState('');
  const [providerErrors, setProviderErrors] = useState<Errors>((): Errors => {
    const code = query.get('error');
    return code ? { _form: PROVIDER_REFUSALS[code] ?? 'Sign-in through your organisation failed. Start again.' } : {};
  });
  const taking = useRef(false);

  useEffect(() => {
    void identityProviders().then(setProviders);
  }, []);

  useEffect(() => {
    // Back from the organisation's provider: take the hub's token for the sign-in it completed (once).
    if (query.get('oidc') !== 'signed-in' || taking.current) return;
    taking.current = true;
    takeProviderToken().then(signedIn, (err: unknown) => {
      setProviderErrors({ _form: err instanceof ApiError ? err.message : 'Sign-in failed' });
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function viaProvider(e: SubmitEvent) {
    e.preventDefault();
    if (!organisation) {
      setProviderErrors({ organisation: 'Choose your organisation' });
      return;
    }
    window.location.assign(`/auth/oidc/start?organisation=${encodeURIComponent(organisation)}`);
  }

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
      <ErrorSummary errors={Object.keys(errors).length ? errors : providerErrors} labels={LABELS} />
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
      {providers.length > 0 && (
        <section aria-labelledby="via-provider">
          <h2 id="via-provider">Sign in with your organisation’s account</h2>
          <p>If your organisation signs you in with its own account (single sign-on), choose it and continue there.</p>
          <form onSubmit={viaProvider} noValidate>
            <Select
              name="organisation"
              label={LABELS.organisation}
              value={organisation}
              onChange={setOrganisation}
              options={providers.map((p) => ({ value: p.organisationId, label: p.name }))}
              placeholder="Choose your organisation"
              error={providerErrors.organisation}
            />
            <Button>Continue to your organisation’s sign-in</Button>
          </form>
        </section>
      )}
    </div>
  );
}
