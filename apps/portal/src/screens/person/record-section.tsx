// The building blocks of the person page's record: a row that says "Withheld" (with why) instead of a
// value the viewer may not see, and a section that is left out when all its fields are withheld (the
// page's one "Not shared with you" line names its category instead).
import type { ReactNode } from 'react';
import { Link } from '../../router';
import { CATEGORIES } from '../../vocabulary';
import { whyHref } from '../../why';
import { Withheld } from '../people-table';
import type { PersonRecord } from './person-record';

export function WhyLink({ personId, category }: { personId: string; category: string }) {
  return (
    <Link to={whyHref(personId, category)} className="why-link">
      Why?<span className="visually-hidden"> {CATEGORIES[category] ?? category} information is withheld</span>
    </Link>
  );
}

export function Row({
  label,
  value,
  field,
  p,
  category,
}: {
  label: string;
  value: ReactNode;
  field: string;
  p: PersonRecord;
  category?: string;
}) {
  const withheld = p.withheldFields.includes(field);
  return (
    <div className="summary-list__row">
      <dt className="summary-list__key">{label}</dt>
      <dd className="summary-list__value">
        {withheld ? (
          <>
            <Withheld what={label} /> {category && <WhyLink personId={p.id} category={category} />}
          </>
        ) : value === null || value === undefined || value === '' ? (
          <span className="secondary-text">Not recorded</span>
        ) : (
          value
        )}
      </dd>
    </div>
  );
}

export function Section({
  id,
  title,
  category,
  fields,
  p,
  children,
}: {
  id: string;
  title: string;
  category: string;
  fields: string[];
  p: PersonRecord;
  children: ReactNode;
}) {
  if (fields.every((f) => p.withheldFields.includes(f))) return null;
  return (
    <section className="section" aria-labelledby={id} data-category={category}>
      <h2 id={id}>{title}</h2>
      <dl className="summary-list">{children}</dl>
    </section>
  );
}
