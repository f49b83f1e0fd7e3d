// Live updates: the hub tells an open screen that its referral inbox or its tasks changed, over the
// hub's GraphQL subscriptions (graphql-ws at /graphql). One connection per tab, opened when the first
// screen listens and closed shortly after the last stops, or at once on signing out. It carries only
// which referral or task changed: the screen then reloads its list over HTTP, as on opening it, so it
// shows exactly what the same query shows. The hub checks the token again before every event and
// closes the connection when it has expired (4401); the portal then does not reconnect with it.
import { type Client, createClient } from 'graphql-ws/client';
import { useEffect, useRef, useState } from 'react';
import { graphql } from './gql';
import type { LiveReferralsSubscription, LiveTasksSubscription } from './gql/graphql';
import { useLocation } from './router';
import { getToken } from './session';
import { useSession } from './session-context';

const LiveReferralsDocument = graphql(`
  subscription LiveReferrals {
    referralInboxChanged {
      id
      state
      overdue
    }
  }
`);

const LiveTasksDocument = graphql(`
  subscription LiveTasks {
    taskRaised {
      id
      kind
      assigneeUserId
      assigneeTeamId
    }
  }
`);

/** What a screen can listen to: its organisation's referral inbox, or the tasks it may see. */
export type Topic = 'referrals' | 'tasks';
type Change = LiveReferralsSubscription['referralInboxChanged'] | LiveTasksSubscription['taskRaised'];
/** Called with the change, or with null after a lost connection came back (something may have been missed). */
type Listener = (change: Change | null) => void;

const DOCUMENTS: Record<Topic, { query: string; field: string }> = {
  referrals: { query: LiveReferralsDocument.toString(), field: 'referralInboxChanged' },
  tasks: { query: LiveTasksDocument.toString(), field: 'taskRaised' },
};

/** Waits before the nth reconnection: 1 s, 2 s, 4 s … up to a minute, each cut by up to half at random (tabs do not return in step). */
export const backoff = (retries: number): number => Math.min(60_000, 1000 * 2 ** retries) * (0.5 + Math.random() / 2);
const RETRIES = 12;
/** A screen changing for another keeps the connection: it closes this long after the last listener left. */
const LINGER_MS = 3000;

let client: Client | null = null;
let clientToken: string | null = null;
/** The token the hub refused (expired or revoked): no reconnection with it. */
let refusedToken: string | null = null;
const topics = new Map<Topic, { listeners: Set<Listener>; stop: (() => void) | null }>();

function connect(token: string): Client {
  if (client && clientToken === token) return client;
  closeLive();
  clientToken = token;
  client = createClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    lazy: true,
    lazyCloseTimeout: LINGER_MS,
    connectionParams: () => ({ authorization: `Bearer ${token}` }),
    retryAttempts: RETRIES,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, backoff(retries))),
    on: {
      connected: (_socket, _payload, wasRetry) => {
        // Back after a loss: what happened meanwhile was not sent, so every listener reloads.
        if (wasRetry) for (const t of topics.values()) for (const l of t.listeners) l(null);
      },
      closed: (event) => {
        if ((event as { code?: number }).code === 4401) refusedToken = token;
      },
    },
  });
  return client;
}

function start(topic: Topic, entry: { listeners: Set<Listener>; stop: (() => void) | null }): void {
  const token = getToken();
  if (!token || token === refusedToken) return;
  const { query, field } = DOCUMENTS[topic];
  entry.stop = connect(token).subscribe<Record<string, Change>>(
    { query },
    {
      next: (result) => {
        const change = result.data?.[field];
        if (change) for (const l of entry.listeners) l(change);
      },
      // Refused, or the connection could not be had back: this screen stays as loaded; the next one tries again.
      error: () => (entry.stop = null),
      complete: () => (entry.stop = null),
    },
  );
}

/** Listens to `topic` until the returned function is called. */
export function listen(topic: Topic, listener: Listener): () => void {
  let entry = topics.get(topic);
  if (!entry) topics.set(topic, (entry = { listeners: new Set(), stop: null }));
  entry.listeners.add(listener);
  if (!entry.stop) start(topic, entry);
  const mine = entry;
  return () => {
    mine.listeners.delete(listener);
    if (mine.listeners.size || topics.get(topic) !== mine) return;
    mine.stop?.();
    topics.delete(topic);
  };
}

/** Signing out (or the session ended): the connection closes now, and nothing more is delivered. */
export function closeLive(): void {
  for (const t of topics.values()) t.stop = null;
  // dispose, not terminate: a terminated client reconnects.
  void client?.dispose();
  client = null;
  clientToken = null;
}

/** The sentence announced for a change, or null for one the screen shows without a word (a colleague's answer). */
export function changeMessage(topic: Topic, change: Change, viewerId: string): string | null {
  if (topic === 'referrals' && 'state' in change) {
    if (change.state === 'SENT')
      return change.overdue ? 'A referral in your inbox is now overdue for an answer.' : 'A new referral has arrived.';
    if (change.state === 'ACCEPTED' && change.overdue) return 'An accepted referral is now overdue to start.';
    if (change.state === 'WITHDRAWN') return 'A referral in your inbox was withdrawn by the organisation that sent it.';
    return null;
  }
  if ('kind' in change) {
    if (change.assigneeUserId === viewerId) return 'A task has been assigned to you.';
    if (change.assigneeTeamId) return 'A task has been assigned to a team.';
    if (change.kind === 'ASSIGNED') return 'A task has been assigned to a colleague.';
    return 'A new task has arrived.';
  }
  return null;
}

const announcers = new Set<(message: string) => void>();
function announce(message: string): void {
  for (const a of announcers) a(message);
}

/** Reloads the screen's data (`reload`) whenever `topic` changes (null: nothing to listen to), and says so in the live region. */
export function useLive(topic: Topic | null, reload: () => void): void {
  const { viewer } = useSession();
  const latest = useRef(reload);
  useEffect(() => {
    latest.current = reload;
  }, [reload]);
  useEffect(() => {
    if (!topic) return undefined;
    return listen(topic, (change) => {
      latest.current();
      const message = change && changeMessage(topic, change, viewer.id);
      if (message) announce(message);
    });
  }, [topic, viewer.id]);
}

/**
 * The polite live region that says what changed on the screen ("A new referral has arrived"). It is
 * always in the page (a region added with its message may go unread), and empties on the next page.
 */
export function LiveNews() {
  const { path } = useLocation();
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => setMessage(null), [path]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The same sentence twice: emptied first, so that it is read again.
    const show = (m: string) => {
      setMessage(null);
      clearTimeout(timer);
      timer = setTimeout(() => setMessage(m), 100);
    };
    announcers.add(show);
    return () => {
      announcers.delete(show);
      clearTimeout(timer);
    };
  }, []);
  return (
    <div className="live-news" role="status" aria-live="polite" aria-atomic="true">
      {message && (
        <div className="notification">
          <p>{message}</p>
          <p className="hint">This page has been updated.</p>
        </div>
      )}
    </div>
  );
}
