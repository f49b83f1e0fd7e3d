// The user's own email notifications (emails link here): which kinds they want, and how (one email as
// each thing happens, a daily digest, or none), saved with updateNotificationSettings; then what the
// hub sent them, tried to send or held back (notificationsSent), a page at a time, in plain words.
import { type SubmitEvent, useEffect, useState } from 'react';
import { gql } from '../api';
import { flash } from '../flash';
import { Button, Checkboxes, type Errors, ErrorSummary, errorsFrom, Radios } from '../forms';
import { graphql } from '../gql';
import type { NotificationDelivery, NotificationSettingsQuery, NotificationsSentQuery } from '../gql/graphql';
import { Pagination, useCursors } from '../pagination';
import { Link, usePageTitle } from '../router';
import { useQuery } from '../use-query';
import { formatDate } from '../vocabulary';

const NotificationSettingsDocument = graphql(`
  query NotificationSettings {
    notificationSettings {
      delivery
      emailConfigured
      kinds {
        kind
        label
        enabled
      }
    }
  }
`);

const NotificationsSentDocument = graphql(`
  query NotificationsSent($first: Int, $after: String) {
    notificationsSent(first: $first, after: $after) {
      edges {
        node {
          id
          kind
          status
          reason
          path
          createdAt
          sentAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const UpdateNotificationSettingsDocument = graphql(`
  mutation UpdateNotificationSettings($input: NotificationSettingsInput!) {
    updateNotificationSettings(input: $input) {
      delivery
      emailConfigured
      kinds {
        kind
        label
        enabled
      }
    }
  }
`);

type Settings = NotificationSettingsQuery['notificationSettings'];
type Sent = NotificationsSentQuery['notificationsSent']['edges'][number]['node'];

const LABELS: Record<string, string> = {
  delivery: 'How do you want your emails?',
  enabledKinds: 'What do you want to be emailed about?',
};
const FIELDS = ['delivery', 'disabledKinds'];

const DELIVERY: { value: NotificationDelivery; label: string }[] = [
  { value: 'IMMEDIATE', label: 'One email as each thing happens' },
  { value: 'DAILY_DIGEST', label: 'One email a day, listing everything that happened' },
  { value: 'OFF', label: 'No email' },
];

/** How many sent notifications a page lists. */
const SENT_PAGE_SIZE = 20;

/** What became of one notification, in words (the hub's reasons speak of "the recipient": here it is "you"). */
export function sentStatus(n: Pick<Sent, 'status' | 'reason'>): { text: string; tone: 'green' | 'grey' | 'withheld' | '' } {
  const reason = n.reason ?? '';
  switch (n.status) {
    case 'sent':
      return { text: 'Sent', tone: 'green' };
    case 'pending':
      return { text: 'Waiting to be sent', tone: '' };
    case 'digest':
      return { text: 'Waiting for your daily email', tone: '' };
    case 'failed':
      return { text: 'Could not be sent, after several tries', tone: 'withheld' };
    case 'not_sent':
      return { text: 'Not sent: the hub is not set up to send email', tone: 'grey' };
    case 'withheld':
      if (reason.includes('turned')) return { text: 'Not sent: you had turned this kind of email off', tone: 'grey' };
      if (reason.includes('may no longer see')) return { text: 'Not sent: you may no longer see what it was about', tone: 'grey' };
      if (reason.includes('active')) return { text: 'Not sent: your account was not active', tone: 'grey' };
      return { text: reason ? `Not sent: ${reason}` : 'Not sent', tone: 'grey' };
    default:
      return { text: n.status, tone: '' };
  }
}

function SettingsForm({ settings, onSaved }: { settings: Settings; onSaved: (s: Settings) => void }) {
  const [delivery, setDelivery] = useState<string>(settings.delivery);
  const [enabled, setEnabled] = useState<string[]>(settings.kinds.filter((k) => k.enabled).map((k) => k.kind));
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const found: Errors = {};
    if (!DELIVERY.some((d) => d.value === delivery)) found.delivery = 'Select how you want your emails';
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const saved = await gql(UpdateNotificationSettingsDocument, {
        input: {
          delivery: delivery as NotificationDelivery,
          disabledKinds: settings.kinds.filter((k) => !enabled.includes(k.kind)).map((k) => k.kind),
        },
      });
      flash('Your email choices are saved', true);
      onSaved(saved.updateNotificationSettings);
    } catch (err) {
      if ((err as { code?: string }).code === 'UNAUTHENTICATED') return;
      const found = errorsFrom(err, FIELDS);
      if (found.disabledKinds) {
        found.enabledKinds = found.disabledKinds;
        delete found.disabledKinds;
      }
      setErrors(found);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <ErrorSummary errors={errors} labels={LABELS} />
      <Radios name="delivery" label={LABELS.delivery} value={delivery} onChange={setDelivery} options={DELIVERY} error={errors.delivery} />
      <Checkboxes
        name="enabledKinds"
        label={LABELS.enabledKinds}
        hint={delivery === 'OFF' ? 'You have chosen no email: these apply when you choose email again.' : 'Untick what you do not want.'}
        values={enabled}
        onChange={setEnabled}
        options={settings.kinds.map((k) => ({ value: k.kind, label: k.label }))}
        error={errors.enabledKinds}
      />
      <Button busy={busy}>Save choices</Button>
    </form>
  );
}

function SentList({ labels }: { labels: Map<string, string> }) {
  const cursors = useCursors('notifications-sent');
  const q = useQuery(NotificationsSentDocument, { first: SENT_PAGE_SIZE, after: cursors.after });
  if (q.error)
    return (
      <p className="error-message" role="alert">
        {q.error.message}
      </p>
    );
  if (!q.data)
    return (
      <p className="loading" role="status">
        Loading what the hub sent you…
      </p>
    );
  const rows = q.data.notificationsSent.edges.map((e) => e.node);
  if (!rows.length && cursors.page === 1) return <p className="body">The hub has not emailed you yet.</p>;
  return (
    <>
      <table className="table" id="notifications-sent">
        <caption className="table__caption">
          Emails the hub sent you, newest first <span className="table__page">(page {cursors.page})</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">About</th>
            <th scope="col">What happened</th>
            <th scope="col">Where it links</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((n) => {
            const status = sentStatus(n);
            return (
              <tr key={n.id}>
                <td data-label="When">{formatDate(n.sentAt ?? n.createdAt)}</td>
                <td data-label="About">{labels.get(n.kind) ?? n.kind}</td>
                <td data-label="What happened">
                  <strong className={`tag${status.tone ? ` tag--${status.tone}` : ''}`}>{status.text}</strong>
                </td>
                <td data-label="Where it links">
                  <Link to={n.path}>
                    Open<span className="visually-hidden"> the page for this email</span>
                  </Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Pagination page={cursors.page} pageInfo={q.data.notificationsSent.pageInfo} cursors={cursors} />
    </>
  );
}

export function Notifications() {
  usePageTitle('Email notifications');
  const q = useQuery(NotificationSettingsDocument, {});
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    if (q.data) setSettings(q.data.notificationSettings);
  }, [q.data]);

  return (
    <>
      <div className="two-thirds">
        <h1>Email notifications</h1>
        <p className="lead">
          Choose what the hub emails you about. An email says only what kind of thing happened and links to the page here: never a person’s
          name or anything about them.
        </p>
        {q.error && (
          <p className="error-message" role="alert">
            {q.error.message}
          </p>
        )}
        {!settings && !q.error && (
          <p className="loading" role="status">
            Loading your choices…
          </p>
        )}
        {settings && !settings.emailConfigured && (
          <div className="inset-text">
            This hub is not set up to send email at the moment, so nothing is sent whatever you choose. Your choices are kept for when it
            is.
          </div>
        )}
        {settings && <SettingsForm settings={settings} onSaved={setSettings} />}
      </div>
      <h2>What the hub has emailed you</h2>
      <SentList labels={new Map((settings?.kinds ?? []).map((k) => [k.kind, k.label]))} />
    </>
  );
}
