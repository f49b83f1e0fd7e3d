// Identity: name, date of birth, region, release date and identifiers.
import { regionName, useRegions } from '../../regions-api';
import { formatDate, SCHEMES } from '../../vocabulary';
import { personName } from '../people-table';
import type { PersonRecord } from './person-record';
import { Row } from './record-section';

export function PersonalDetails({ p }: { p: PersonRecord }) {
  const regions = useRegions();
  return (
    <section className="section" aria-labelledby="details">
      <h2 id="details">Personal details</h2>
      <dl className="summary-list">
        <Row p={p} label="Name" field="givenName" value={personName(p)} category="IDENTITY" />
        <Row p={p} label="Date of birth" field="dateOfBirth" value={formatDate(p.dateOfBirth)} category="IDENTITY" />
        <Row p={p} label="Region" field="region" value={p.region ? regionName(regions, p.region) : p.region} category="IDENTITY" />
        <Row p={p} label="Release date" field="releaseDate" value={formatDate(p.releaseDate)} category="IDENTITY" />
        <Row
          p={p}
          label="Identifiers"
          field="identifiers"
          category="IDENTITY"
          value={
            p.identifiers?.length ? (
              <ul className="plain-list">
                {p.identifiers.map((i) => (
                  <li key={i.scheme + i.value}>
                    {SCHEMES[i.scheme] ?? i.scheme}: {i.value}
                  </li>
                ))}
              </ul>
            ) : null
          }
        />
      </dl>
    </section>
  );
}
