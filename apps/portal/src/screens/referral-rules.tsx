// Hub admins: the referral rules (referralRules), a rule written as a form and tried first with a dry run
// (dryRunReferralRule: whom it would refer now, whom it would hold for consent, nothing written), saved
// (createReferralRule) and turned on or off (updateReferralRule: a new version).
import { type SubmitEvent, useState } from 'react';
import { gql } from '../api';
import { flash } from '../flash';
import { Button, Checkbox, type Errors, ErrorSummary, errorsFrom, Select, TextArea, TextField } from '../forms';
import { graphql } from '../gql';
import type { ConsentPurpose, ReferralRuleInput, ReferralRulesAdminQuery, RuleDryRunQuery } from '../gql/graphql';
import { mayManageRules } from '../roles';
import { Link, usePageTitle } from '../router';
import { useSession } from '../session-context';
import { useQuery } from '../use-query';
import { NotFound, queryFallback } from './not-found';
import { RuleHistory } from './rule-history';

const ReferralRulesAdminDocument = graphql(`
  query ReferralRulesAdmin {
    referralRules {
      ruleId
      version
      name
      active
      triggerEvent
      conditions
      serviceCode
      matchRegion
      consentPurpose
      cooldownDays
    }
    organisations {
      id
      services
    }
  }
`);

const RuleDryRunDocument = graphql(`
  query RuleDryRun($input: DryRunReferralRuleInput!) {
    dryRunReferralRule(input: $input) {
      considered
      matched
      wouldRefer
      heldForConsent
      truncated
      people {
        personId
        outcome
        receiverName
        detail
      }
    }
  }
`);

const CreateReferralRuleDocument = graphql(`
  mutation CreateReferralRule($input: ReferralRuleInput!) {
    createReferralRule(input: $input) {
      ruleId
      version
    }
  }
`);

const SwitchReferralRuleDocument = graphql(`
  mutation SwitchReferralRule($input: UpdateReferralRuleInput!) {
    updateReferralRule(input: $input) {
      ruleId
      version
      active
    }
  }
`);

type Rule = ReferralRulesAdminQuery['referralRules'][number];
type DryRun = RuleDryRunQuery['dryRunReferralRule'];

const PURPOSES: ConsentPurpose[] = ['ACCOMMODATION', 'ETE', 'FAMILY', 'FINANCE', 'HEALTH', 'REFERRAL', 'SUBSTANCE_MISUSE'];
const OUTCOMES: Record<string, string> = {
  REFERRED: 'Would refer',
  CONSENT_MISSING: 'Would hold for consent',
  NO_REFERRAL_BASIS: 'Would hold for consent to be referred',
  NO_RECEIVER: 'No organisation to refer to',
  COOLING_DOWN: 'Referred recently (cool-down)',
};
const LABELS = { name: 'Name', triggerEvent: 'Trigger event', conditions: 'Conditions', serviceCode: 'Service', cooldownDays: 'Cool-down' };

interface Form {
  name: string;
  triggerEvent: string;
  conditions: string;
  serviceCode: string;
  consentPurpose: string;
  matchRegion: boolean;
  cooldownDays: string;
  active: boolean;
}
const EMPTY: Form = {
  name: '',
  triggerEvent: 'intervention.logged',
  conditions: '{"all":[{"fact":"event.typeCode","operator":"equal","value":"accommodation_support"}]}',
  serviceCode: '',
  consentPurpose: '',
  matchRegion: true,
  cooldownDays: '30',
  active: false,
};

function inputOf(form: Form): { input?: ReferralRuleInput; errors: Errors } {
  const errors: Errors = {};
  if (form.name.trim().length < 3) errors.name = 'Enter a name of at least 3 characters';
  if (!/^[a-z][a-z_]*\.[a-z][a-z_]*$/.test(form.triggerEvent.trim()))
    errors.triggerEvent = 'Enter an event type, for example intervention.logged';
  try {
    JSON.parse(form.conditions);
  } catch {
    errors.conditions = 'Enter the conditions as JSON';
  }
  if (!form.serviceCode) errors.serviceCode = 'Choose the service to refer to';
  const days = Number(form.cooldownDays);
  if (!Number.isInteger(days) || days < 0 || days > 3650) errors.cooldownDays = 'Enter a whole number of days from 0 to 3650';
  if (Object.keys(errors).length) return { errors };
  return {
    errors,
    input: {
      name: form.name.trim(),
      triggerEvent: form.triggerEvent.trim(),
      conditions: form.conditions,
      serviceCode: form.serviceCode,
      consentPurpose: (form.consentPurpose || null) as ConsentPurpose | null,
      matchRegion: form.matchRegion,
      cooldownDays: days,
      active: form.active,
    },
  };
}

function DryRunResult({ result }: { result: DryRun }) {
  return (
    <section className="section" aria-labelledby="dry-run-title">
      <h2 id="dry-run-title">Dry run</h2>
      <p role="status">
        Of {result.considered} people with such an event in the last 30 days, {result.matched} meet the conditions: it would refer{' '}
        {result.wouldRefer} and hold {result.heldForConsent} for consent. Nothing was saved or sent.
        {result.truncated ? ' Only the most recent people were looked at.' : ''}
      </p>
      {result.people.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">What the rule would do for each person</caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">What it would do</th>
              <th scope="col">Organisation</th>
            </tr>
          </thead>
          <tbody>
            {result.people.map((p) => (
              <tr key={p.personId}>
                <td>
                  <Link to={`/people/${p.personId}`}>{p.personId.slice(0, 8)}</Link>
                </td>
                <td>{OUTCOMES[p.outcome] ?? p.outcome}</td>
                <td>{p.receiverName ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function NewRule({ services, onSaved }: { services: string[]; onSaved: () => void }) {
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [dry, setDry] = useState<DryRun | null>(null);
  const set = (k: keyof Form) => (v: string | boolean) => setForm((f) => ({ ...f, [k]: v }));
  const known = Object.keys(LABELS);

  async function dryRun() {
    const checked = inputOf(form);
    setErrors(checked.errors);
    if (!checked.input) return;
    setBusy(true);
    try {
      setDry((await gql(RuleDryRunDocument, { input: { ...checked.input, days: 30 } })).dryRunReferralRule);
    } catch (err) {
      setErrors(errorsFrom(err, known));
    } finally {
      setBusy(false);
    }
  }
  async function save(e: SubmitEvent) {
    e.preventDefault();
    const checked = inputOf(form);
    setErrors(checked.errors);
    if (!checked.input) return;
    setBusy(true);
    try {
      await gql(CreateReferralRuleDocument, { input: checked.input });
      flash(`Rule ${checked.input.name} saved${checked.input.active ? ' and on' : ' (off)'}`, true);
      setForm(EMPTY);
      setDry(null);
      onSaved();
    } catch (err) {
      setErrors(errorsFrom(err, known));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="section" aria-labelledby="new-rule-title">
      <h2 id="new-rule-title">Write a rule</h2>
      <form onSubmit={(e) => void save(e)} noValidate>
        <ErrorSummary errors={errors} labels={LABELS} />
        <TextField
          name="name"
          label="Name"
          hint="What it does, for example Accommodation need -> housing"
          value={form.name}
          onChange={set('name')}
          error={errors.name}
        />
        <TextField
          name="triggerEvent"
          label="Trigger event"
          hint="The event the rule reacts to, for example intervention.logged or job.started"
          value={form.triggerEvent}
          onChange={set('triggerEvent')}
          error={errors.triggerEvent}
        />
        <TextArea
          name="conditions"
          label="Conditions"
          hint='JSON, for example {"all":[{"fact":"event.typeCode","operator":"equal","value":"accommodation_support"}]}'
          value={form.conditions}
          onChange={set('conditions')}
          error={errors.conditions}
        />
        <Select
          name="serviceCode"
          label="Service"
          hint="An organisation offering it in the person’s region receives the referral"
          value={form.serviceCode}
          onChange={set('serviceCode')}
          options={services.map((s) => ({ value: s, label: s }))}
          placeholder="Choose a service"
          error={errors.serviceCode}
        />
        <Select
          name="consentPurpose"
          label="Consent the receiver needs (optional)"
          value={form.consentPurpose}
          onChange={set('consentPurpose')}
          options={PURPOSES.map((p) => ({ value: p, label: p.toLowerCase().replace('_', ' ') }))}
          placeholder="None"
        />
        <Checkbox
          name="matchRegion"
          label="The receiver must cover the person’s region"
          checked={form.matchRegion}
          onChange={set('matchRegion')}
        />
        <TextField
          name="cooldownDays"
          label="Cool-down"
          hint="Days within which the rule never refers the same person twice"
          inputMode="numeric"
          value={form.cooldownDays}
          onChange={set('cooldownDays')}
          error={errors.cooldownDays}
        />
        <Checkbox name="active" label="Turn the rule on when saved" checked={form.active} onChange={set('active')} />
        <div className="button-group">
          <Button type="button" secondary busy={busy} onClick={() => void dryRun()}>
            Dry run
          </Button>
          <Button busy={busy}>Save rule</Button>
        </div>
      </form>
      {dry && <DryRunResult result={dry} />}
    </section>
  );
}

function RuleRow({ rule, onChanged }: { rule: Rule; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  async function toggle() {
    if (rule.active && !window.confirm(`Turn off "${rule.name}"? It stops referring people until it is turned on again.`)) return;
    setBusy(true);
    try {
      const { ruleId, version, name, triggerEvent, conditions, serviceCode, matchRegion, consentPurpose, cooldownDays } = rule;
      await gql(SwitchReferralRuleDocument, {
        input: {
          ruleId,
          version,
          name,
          triggerEvent,
          conditions,
          serviceCode,
          matchRegion,
          consentPurpose,
          cooldownDays,
          active: !rule.active,
        },
      });
      flash(`${rule.name} is ${rule.active ? 'off' : 'on'}`, true);
      onChanged();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <tr>
      <td>{rule.name}</td>
      <td>{rule.triggerEvent}</td>
      <td>{rule.serviceCode}</td>
      <td>{rule.active ? 'On' : 'Off'}</td>
      <td>
        <button type="button" className="link-button" disabled={busy} onClick={() => void toggle()}>
          {rule.active ? 'Turn off' : 'Turn on'}
          <span className="visually-hidden"> {rule.name}</span>
        </button>
        {error && <p className="error-message">{error}</p>}
      </td>
    </tr>
  );
}

/** The referral rules screen, for hub admins. */
export function ReferralRules() {
  usePageTitle('Referral rules');
  const { viewer } = useSession();
  const allowed = mayManageRules(viewer);
  const q = useQuery(() => (allowed ? gql(ReferralRulesAdminDocument) : Promise.resolve(null)), [allowed]);
  if (!allowed) return <NotFound />;
  const fallback = queryFallback(q, 'Page', 'Loading rules…');
  if (fallback) return fallback;
  const services = [...new Set(q.data!.organisations.flatMap((o) => o.services))].sort();
  return (
    <>
      <h1>Referral rules</h1>
      <p className="lead">Rules refer people by themselves when something happens. Try a rule with a dry run before you turn it on.</p>
      <table className="table">
        <caption className="visually-hidden">The rules in force</caption>
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">When</th>
            <th scope="col">Service</th>
            <th scope="col">State</th>
            <th scope="col">
              <span className="visually-hidden">Change</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {q.data!.referralRules.map((r) => (
            <RuleRow key={r.ruleId} rule={r} onChanged={q.reload} />
          ))}
        </tbody>
      </table>
      <NewRule services={services} onSaved={q.reload} />
      <RuleHistory rules={q.data!.referralRules} />
    </>
  );
}
