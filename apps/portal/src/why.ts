// "Why can't I see this?" in one place. The hub answers `explainAccess(personId, category)` with the
// policy's own decision for this person (relationship, consent, agreements, role, break-glass), and
// the portal adds what the caseworker can do about it. Only when the hub cannot answer (the query
// fails) does it explain from the published access rules (README, "Who sees what"), saying so.
import { gql } from './api';
import { graphql } from './gql';
import type { DataCategory } from './gql/graphql';
import { CATEGORIES } from './vocabulary';

export interface Explanation {
  title: string;
  paragraphs: string[];
  source: 'api' | 'rules';
}

export interface ViewerOrg {
  kind: string;
  name: string;
}

/** The link target of every "why?" link. */
export const whyHref = (personId: string, category: string) => `/people/${encodeURIComponent(personId)}/why/${category}`;

const GENERAL =
  'The hub shows each organisation only what the law, the person’s consent, information sharing agreements and its role allow. Withheld information is not shown as empty: it may exist and you are not allowed to see it.';
const STATUTORY =
  'Offending and risk information is shared between probation and prisons under their statutory agreement. Other partners see it only under an agreement that covers it.';
const RECORD_CONSENT = 'If the person wants to share it with you, record their consent with them present. It takes effect straight away.';

/** Needs only a consent or an agreement: what a caseworker can do about it. */
const nextStep = (category: string) => (['OFFENDING', 'RISK'].includes(category) ? STATUTORY : RECORD_CONSENT);

function titles(category: string): { name: string; withheld: string; seen: string } {
  const name = (CATEGORIES[category] ?? category).toLowerCase();
  return { name, withheld: `Why ${name} information is withheld`, seen: `Why you can see ${name} information` };
}

function fromRules(category: string, viewer: ViewerOrg, readable: string[]): Explanation {
  const { name, withheld: title, seen } = titles(category);
  if (readable.includes(category)) {
    return {
      title: seen,
      source: 'rules',
      paragraphs: ['Your organisation works with this person and has a lawful basis to see this category.'],
    };
  }
  if (viewer.kind === 'EMPLOYER' && category !== 'IDENTITY' && category !== 'EMPLOYMENT') {
    return { title, source: 'rules', paragraphs: [`Employers never see ${name} information, whatever the person has agreed to.`, GENERAL] };
  }
  const paragraphs = [
    `To see another organisation’s ${name} information, ${viewer.name} needs both a working relationship with this person and a lawful basis for this category: the person’s consent in force, given to ${viewer.name} or to every ${viewer.kind.toLowerCase().replace(/_/g, ' ')} organisation, or an information sharing agreement in force that covers it.`,
    nextStep(category),
    GENERAL,
  ];
  return { title, source: 'rules', paragraphs };
}

const ExplainAccessDocument = graphql(`
  query ExplainAccess($id: ID!, $category: DataCategory!) {
    explainAccess(personId: $id, category: $category) {
      allowed
      reason
      explanation
    }
  }
`);

/** The hub's own decision for this person and category, in its words, with what the caseworker can do next. */
async function fromApi(personId: string, category: string): Promise<Explanation> {
  const d = await gql(ExplainAccessDocument, { id: personId, category: category as DataCategory });
  const answer = d.explainAccess;
  const { withheld, seen } = titles(category);
  if (answer.allowed) return { title: seen, source: 'api', paragraphs: [answer.explanation] };
  const paragraphs = [answer.explanation];
  if (answer.reason === 'NO_LAWFUL_BASIS') paragraphs.push(nextStep(category));
  paragraphs.push(GENERAL);
  return { title: withheld, source: 'api', paragraphs };
}

export async function explain(
  personId: string,
  category: string,
  viewer: ViewerOrg,
  readable: string[],
  apiAvailable: boolean,
): Promise<Explanation> {
  if (apiAvailable) {
    const answer = await fromApi(personId, category).catch(() => null);
    if (answer) return answer;
  }
  return fromRules(category, viewer, readable);
}
