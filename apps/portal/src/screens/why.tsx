import { gql } from '../api';
import { graphql } from '../gql';
import { useSession } from '../session-context';
import { Link, usePageTitle } from '../router';
import { useQuery } from '../use-query';
import { CATEGORIES } from '../vocabulary';
import { explain, whyHref } from '../why';
import { NotFound, queryFallback } from './not-found';
import { personName } from './people-table';
import { notShared } from './person/not-shared';

const WhyPersonDocument = graphql(`
  query WhyPerson($id: ID!) {
    person(id: $id) {
      id
      givenName
      familyName
      readableCategories
    }
  }
`);

export function Why({ personId, category }: { personId: string; category: string }) {
  const { viewer, capabilities } = useSession();
  const q = useQuery(async () => {
    const d = await gql(WhyPersonDocument, { id: personId });
    return {
      person: d.person,
      explanation: await explain(personId, category, viewer.organisation, d.person.readableCategories, capabilities.explainAccess),
    };
  }, [personId, category, capabilities.explainAccess]);
  usePageTitle(q.data?.explanation.title ?? 'Why information is withheld');
  if (!CATEGORIES[category]) return <NotFound />;
  const fallback = queryFallback(q, 'Person');
  if (fallback || !q.data) return fallback;
  return (
    <div className="two-thirds">
      <span className="caption">{personName(q.data.person)}</span>
      <h1>{q.data.explanation.title}</h1>
      {q.data.explanation.paragraphs.map((text) => (
        <p key={text}>{text}</p>
      ))}
      {q.data.explanation.source === 'rules' && <p className="hint">This explanation follows the hub’s published access rules.</p>}
      <OthersNotShared personId={personId} category={category} readable={q.data.person.readableCategories} />
      <p>
        <Link to={`/people/${personId}`}>Back to {personName(q.data.person)}</Link>
      </p>
    </div>
  );
}

/** From the person page's one "Why?" on to the other categories not shared with the viewer. */
function OthersNotShared({ personId, category, readable }: { personId: string; category: string; readable: readonly string[] }) {
  const others = notShared(readable).filter((c) => c !== category);
  if (!readable.includes(category) && others.length > 0)
    return (
      <>
        <h2>Also not shared with you</h2>
        <ul>
          {others.map((c) => (
            <li key={c}>
              <Link to={whyHref(personId, c)}>Why {CATEGORIES[c].toLowerCase()} information is withheld</Link>
            </li>
          ))}
        </ul>
      </>
    );
  return null;
}
