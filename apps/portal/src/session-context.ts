// The signed-in user as every screen sees it: who they are and what this hub offers them. The App
// provides it once signed in; screens read it with useSession(). Screens never import app.tsx.
import { createContext, useContext } from 'react';
import type { Capabilities } from './capabilities';
import type { ViewerQuery } from './gql/graphql';

/** Who is signed in, with what the hub says they may report on (Viewer.reportAccess). */
export type Viewer = ViewerQuery['viewer'];

export interface Session {
  viewer: Viewer;
  capabilities: Capabilities;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('not signed in');
  return s;
}
