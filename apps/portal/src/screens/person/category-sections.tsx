// The record's sensitive categories, each its own section, withheld as a whole when the viewer may not see it.
import { RISK, STAGES } from '../../vocabulary';
import type { PersonRecord } from './person-record';
import { Row, Section } from './record-section';

export function CategorySections({ p }: { p: PersonRecord }) {
  return (
    <>
      <Section id="progression" title="Progression" category="ETE" fields={['stage']} p={p}>
        <Row p={p} label="Stage" field="stage" value={p.stage ? STAGES[p.stage] : null} category="ETE" />
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
