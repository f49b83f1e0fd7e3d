// What the viewer may not see of a person, said once: the categories not shared with them in one line,
// with one "Why?" (its page leads on to the others), instead of a "Withheld" box for each.
import { Link } from '../../router';
import { CATEGORIES } from '../../vocabulary';
import { whyHref } from '../../why';

/** The categories the viewer may not read, in the portal's usual order. */
export function notShared(readableCategories: readonly string[]): string[] {
  return Object.keys(CATEGORIES).filter((c) => !readableCategories.includes(c));
}

/** "offending, risk and health"; with semicolons when a label has a comma of its own. */
function listInWords(labels: string[]): string {
  if (labels.length < 2) return labels.join('');
  const separator = labels.some((l) => l.includes(',')) ? '; ' : ', ';
  return `${labels.slice(0, -1).join(separator)} and ${labels[labels.length - 1]}`;
}

export function NotSharedLine({ personId, readableCategories }: { personId: string; readableCategories: readonly string[] }) {
  const categories = notShared(readableCategories);
  if (categories.length === 0) return null;
  // "Education, training and employment" says employment too (its own "Why?" page still has it).
  const said = categories.includes('ETE') ? categories.filter((c) => c !== 'EMPLOYMENT') : categories;
  const labels = said.map((c) => CATEGORIES[c].toLowerCase());
  return (
    <p className="withheld-panel not-shared">
      <strong>Not shared with you:</strong> {listInWords(labels)} information. What your organisation records is always shown to you.{' '}
      <Link to={whyHref(personId, categories[0])} className="why-link">
        Why?<span className="visually-hidden"> This information is not shared with you</span>
      </Link>
    </p>
  );
}
