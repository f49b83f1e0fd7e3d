import { CATALOGUE } from '@hub/interventions';

/**
 * What a caseworker reads about tasks and automatic referrals, in plain words: services and
 * intervention types by their catalogue names, events as what happened, never a code, an event name,
 * a rule's version or a database id. The generators (rule engine, timers, case tasks) write with
 * these; rows written before them are put into the same words when read (plainTask, plainReason).
 */

const NAMES = new Map(CATALOGUE.map((e) => [e.code, e.name]));
const ABBREVIATIONS = /\b(id|ete|cv|cscs|ogrs|pnc|ni|nvq|pts|ict)\b/g;

/** A code as words, lower case for the middle of a sentence (`finance_and_id`: "finance and ID"). */
export function codeWords(code: string): string {
  return code
    .replace(/[_.]/g, ' ')
    .toLowerCase()
    .replace(ABBREVIATIONS, (a) => a.toUpperCase())
    .trim();
}

/** A name for the middle of a sentence: its first letter lowered unless it starts an abbreviation ("CV and cover letter"). */
function inSentence(name: string): string {
  return /^[A-Z][A-Z]/.test(name) ? name : name.charAt(0).toLowerCase() + name.slice(1);
}

/** A service or intervention type by the catalogue's name, for the middle of a sentence ("accommodation support"). */
export function serviceWords(code: string): string {
  const name = NAMES.get(code);
  return name ? inSentence(name) : codeWords(code);
}

const LONDON = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

/** A moment as a caseworker reads it ("7 December 2026, 14:05", London time). */
export function plainWhen(at: Date | string): string {
  return LONDON.format(new Date(at)).replace(' at ', ', ');
}

/** What a consent purpose is about ("education, training and employment"). */
export function purposeWords(purpose: string): string {
  const p = purpose.toLowerCase();
  if (p === 'ete') return 'education, training and employment';
  if (p === 'referral') return 'being referred';
  return codeWords(p);
}

/** What happened, as the end of "because …": from an event's type and its payload (an intervention's type). */
export function eventWords(type: string, payload: Record<string, unknown> = {}): string {
  const typeCode = typeof payload.typeCode === 'string' ? payload.typeCode : null;
  switch (type) {
    case 'intervention.logged':
      return typeCode ? `${serviceWords(typeCode)} was logged for the person` : 'work with the person was logged';
    case 'intervention.updated':
      return typeCode ? `${serviceWords(typeCode)} was updated for the person` : 'work with the person was updated';
    case 'outcome.recorded':
      return 'an outcome was recorded for the person';
    case 'job.started':
      return 'the person started a job';
    case 'person.release_date_set':
      return 'the person’s release date was set';
    case 'person.stage_changed':
      return 'the person’s progression stage changed';
    case 'person.created':
      return 'the person’s record was created';
    case 'person.updated':
      return 'the person’s details changed';
    case 'person.involvement_added':
      return 'an organisation started working with the person';
    case 'appointment.booked':
      return 'an appointment was booked with the person';
    case 'appointment.outcome_recorded':
      return 'the outcome of an appointment with the person was recorded';
    case 'contact.attempted':
      return 'someone tried to contact the person';
    case 'consent.granted':
      return 'the person gave their consent';
    case 'ete.contact_lapsed':
      return 'nobody has had education, training or employment contact with the person for a while';
    default:
      return `of a change to the person’s record (${codeWords(type)})`;
  }
}

/** The reason of a referral the hub sent by a rule: says it was automatic, and why, in one sentence. */
export function automaticReason(lead: string, service: string, because: string): string {
  return `Sent automatically by the hub on behalf of ${lead} (not by a person) because ${because}: ${lead} asked the hub to refer people in this situation for ${serviceWords(service)}.`;
}

const OLD_RULE_REASON = /^(.*) \(after ([a-z][a-z_]*\.[a-z][a-z_]*)\)$/s;

/** A referral's reason as a caseworker reads it: an automatic one stored before the plain words is rewritten. */
export function plainReason(reason: string, automatic: boolean, lead: string | null, service: string): string {
  if (!automatic) return reason;
  const old = OLD_RULE_REASON.exec(reason);
  if (!old) return reason;
  return automaticReason(lead ?? 'the person’s lead organisation', service, eventWords(old[2]));
}

const RULE_QUOTE = /^Rule "(.*)" \(v\d+\) would refer this person to (.+?) for ([a-z0-9_]+) after ([a-z_]+\.[a-z_]+), but (.*)$/s;
const ID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

/** A task's title and detail as a caseworker reads them: rows written before the plain words are rewritten. */
export function plainTask(title: string, detail: string): { title: string; detail: string } {
  let t = title;
  let d = detail;
  // "Seek consent (accommodation) to refer for accommodation_support"
  t = t.replace(
    /^Seek consent \(([a-z_]+)\) to refer for ([a-z0-9_]+)$/,
    (_m, purpose: string, service: string) =>
      `Ask the person whether they agree to share ${purposeWords(purpose)} information, to refer them for ${serviceWords(service)}`,
  );
  // "Seek consent to be referred to X for accommodation_support"
  t = t.replace(
    /^Seek consent to be referred to (.+) for ([a-z0-9_]+)$/,
    (_m, to: string, service: string) => `Ask the person whether they agree to be referred to ${to} for ${serviceWords(service)}`,
  );
  // "Overdue referral received for accommodation_support", "Referral sent for x accepted but not started"
  t = t.replace(
    /^(Overdue referral (?:received|sent) for |Referral (?:received|sent) for )([a-z0-9_]+)/,
    (_m, head: string, service: string) => `${head}${serviceWords(service)}`,
  );
  t = t.replace(/\(([a-z0-9]+_[a-z0-9_]+)\)$/, (_m, service: string) => `(${serviceWords(service)})`);
  t = t.replace(/^Consent for ([a-z_]+) ends on/, (_m, purpose: string) => `Consent about ${purposeWords(purpose)} ends on`);
  const quoted = RULE_QUOTE.exec(d);
  if (quoted) {
    const [, , to, service, event, but] = quoted;
    d = `The hub would have referred this person automatically to ${to} for ${serviceWords(service)}, because ${eventWords(event)}, but ${plainBut(but)}`;
  }
  d = d.replace(/ \(sustainment [0-9a-f-]+\)/i, '');
  d = d.replace(/\((?:user|client):[^)]*\)/g, '').replace(/ {2,}/g, ' ');
  d = d.replace(/ for ([a-z0-9]+_[a-z0-9_]+)( |,|\.|$)/g, (_m, service: string, end: string) => ` for ${serviceWords(service)}${end}`);
  d = d.replace(/\((service|start) SLA\)/, (_m, which: string) =>
    which === 'service' ? '(the time the service gives to answer)' : '(the time given to start)',
  );
  d = d.replace(/by (\d{4}-\d\d-\d\dT[0-9:.]+Z)/, (_m, at: string) => `by ${plainWhen(at)}`);
  d = d.replace(ID, '').replace(/ {2,}/g, ' ');
  return { title: t, detail: d };
}

function plainBut(but: string): string {
  return but
    .replace(
      /no consent for ([a-z_]+) is in force/,
      (_m, purpose: string) => `the person has not consented to share ${purposeWords(purpose)} information`,
    )
    .replace(/\(to it or its kind\)/, '')
    .replace(/ {2,}/g, ' ');
}
