// "Why can't I see this?" in one place. The hub will answer `explainAccess(personId, category)`
// (issue 4); until that field is in the schema, the portal explains from the category and the
// documented access rules (README, "Who sees what"), without knowing anything it cannot see.
// When explainAccess lands, fill in `fromApi` with its real shape and nothing else needs to change.
import { gql } from './api';
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

function fromRules(category: string, viewer: ViewerOrg, readable: string[]): Explanation {
  const name = CATEGORIES[category] ?? category;
  const title = `Why ${name.toLowerCase()} information is withheld`;
  if (readable.includes(category)) {
    return { title: `Why you can see ${name.toLowerCase()} information`, source: 'rules', paragraphs: ['Your organisation works with this person and has a lawful basis to see this category.'] };
  }
  const general =
    'The hub shows each organisation only what the law, the person’s consent, information sharing agreements and its role allow. Withheld information is not shown as empty: it may exist and you are not allowed to see it.';
  if (viewer.kind === 'EMPLOYER' && category !== 'IDENTITY' && category !== 'EMPLOYMENT') {
    return { title, source: 'rules', paragraphs: [`Employers never see ${name.toLowerCase()} information, whatever the person has agreed to.`, general] };
  }
  const paragraphs = [
    `To see another organisation’s ${name.toLowerCase()} information, ${viewer.name} needs both a working relationship with this person and a lawful basis for this category: the person’s consent in force, given to ${viewer.name} or to every ${viewer.kind.toLowerCase().replace(/_/g, ' ')} organisation, or an information sharing agreement in force that covers it.`,
  ];
  if (['OFFENDING', 'RISK'].includes(category)) {
    paragraphs.push('Offending and risk information is shared between probation and prisons under their statutory agreement. Other partners see it only under an agreement that covers it.');
  } else {
    paragraphs.push('If the person wants to share it with you, record their consent with them present. It takes effect straight away.');
  }
  paragraphs.push(general);
  return { title, source: 'rules', paragraphs };
}

/** Placeholder for the API's explanation (the query's shape is decided by issue 4). */
async function fromApi(_personId: string, _category: string): Promise<Explanation | null> {
  void gql;
  return null;
}

export async function explain(personId: string, category: string, viewer: ViewerOrg, readable: string[], apiAvailable: boolean): Promise<Explanation> {
  if (apiAvailable) {
    const answer = await fromApi(personId, category).catch(() => null);
    if (answer) return answer;
  }
  return fromRules(category, viewer, readable);
}
