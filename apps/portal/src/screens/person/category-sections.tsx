// The record's sensitive categories, each its own section, left out when the viewer may not see it (the
// person page names it in its one "Not shared with you" line).
import { mayRecordPeople } from '../../roles';
import { Link } from '../../router';
import { useSession } from '../../session-context';
import { RISK, STAGES } from '../../vocabulary';
import type { PersonRecord } from './person-record';
import { Row, Section } from './record-section';

export function CategorySections({ p }: { p: PersonRecord }) {
  const { viewer } = useSession();
  return (
    <>
      <Section id="progression" title="Progression" category="ETE" fields={['stage']} p={p}>
        <Row
          p={p}
          label="Stage"
          field="stage"
          category="ETE"
          value={
            mayRecordPeople(viewer) ? (
              <>
                {p.stage ? STAGES[p.stage] : 'Not recorded'}{' '}
                <Link to={`/people/${p.id}/stage`} className="summary-list__action">
                  Change the stage<span className="visually-hidden"> of progression</span>
                </Link>
              </>
            ) : p.stage ? (
              STAGES[p.stage]
            ) : null
          }
        />
      </Section>
      <Section id="offending" title="Offending" category="OFFENDING" fields={['offenceSummary', 'ogrsScore']} p={p}>
        <Row p={p} label="Offence" field="offenceSummary" value={p.offenceSummary} category="OFFENDING" />
        <Row
          p={p}
          label="OGRS score (year 1)"
          field="ogrsScore"
          value={p.ogrsScore === null ? null : `${p.ogrsScore}%`}
          category="OFFENDING"
        />
      </Section>
      <Section id="risk" title="Risk" category="RISK" fields={['riskLevel']} p={p}>
        <Row p={p} label="Risk level" field="riskLevel" value={p.riskLevel ? RISK[p.riskLevel] : null} category="RISK" />
      </Section>
      <Section id="health" title="Health" category="HEALTH" fields={['healthNotes']} p={p}>
        <Row p={p} label="Health notes" field="healthNotes" value={p.healthNotes} category="HEALTH" />
      </Section>
    </>
  );
}
