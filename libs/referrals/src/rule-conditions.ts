/**
 * Rule conditions: a small JSON language, validated when a rule is saved and evaluated against the
 * facts of one event (its payload, the person, the person's record).
 *
 *   { "all": [ { "fact": "event.typeCode", "operator": "equal", "value": "accommodation_support" },
 *              { "any": [ { "fact": "record.daysSinceEteContact", "operator": "missing" },
 *                         { "fact": "record.daysSinceEteContact", "operator": "greaterThan", "value": 28 } ] } ] }
 */
export type Operator =
  | 'equal'
  | 'notEqual'
  | 'in'
  | 'notIn'
  | 'lessThan'
  | 'lessThanOrEqual'
  | 'greaterThan'
  | 'greaterThanOrEqual'
  | 'exists'
  | 'missing'
  | 'contains';

export interface FactCondition {
  fact: string;
  operator: Operator;
  value?: unknown;
}
export type RuleCondition = { all: RuleCondition[] } | { any: RuleCondition[] } | { not: RuleCondition } | FactCondition;

export interface RuleFacts {
  /** The event's payload, plus `type` and `organisationKind` of the organisation that caused it. */
  event: Record<string, unknown>;
  person: { region: string | null; stage: string | null; riskLevel: string | null; daysUntilRelease: number | null };
  record: { daysSinceEteContact: number | null };
}

/** Facts a condition may name (any `event.<field>` is allowed: payloads differ per event). */
export const KNOWN_FACTS = [
  'person.region',
  'person.stage',
  'person.riskLevel',
  'person.daysUntilRelease',
  'record.daysSinceEteContact',
] as const;

const NUMERIC: Operator[] = ['lessThan', 'lessThanOrEqual', 'greaterThan', 'greaterThanOrEqual'];
const OPERATORS: Operator[] = ['equal', 'notEqual', 'in', 'notIn', ...NUMERIC, 'exists', 'missing', 'contains'];
const MAX_NODES = 50;
const MAX_DEPTH = 6;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every problem with a condition tree, each with where it is (`all[1].value`); empty when valid. */
export function validateCondition(input: unknown): string[] {
  const problems: string[] = [];
  let nodes = 0;
  const walk = (c: unknown, path: string, depth: number): void => {
    nodes++;
    const at = path || 'conditions';
    if (nodes > MAX_NODES) {
      if (nodes === MAX_NODES + 1) problems.push(`conditions: more than ${MAX_NODES} conditions`);
      return;
    }
    if (depth > MAX_DEPTH) return void problems.push(`${at}: nested deeper than ${MAX_DEPTH}`);
    if (!isObject(c)) return void problems.push(`${at}: must be an object`);
    const keys = Object.keys(c);
    if ('all' in c || 'any' in c) {
      const key = 'all' in c ? 'all' : 'any';
      if (keys.length !== 1) return void problems.push(`${at}: "${key}" must be the only key`);
      const list = c[key];
      if (!Array.isArray(list)) return void problems.push(`${at}.${key}: must be a list`);
      list.forEach((child, i) => walk(child, `${path ? `${path}.` : ''}${key}[${i}]`, depth + 1));
      return;
    }
    if ('not' in c) {
      if (keys.length !== 1) return void problems.push(`${at}: "not" must be the only key`);
      walk(c.not, `${path ? `${path}.` : ''}not`, depth + 1);
      return;
    }
    const extra = keys.filter((k) => !['fact', 'operator', 'value'].includes(k));
    if (extra.length) problems.push(`${at}: unknown key(s) ${extra.join(', ')}`);
    const { fact, operator, value } = c;
    if (typeof fact !== 'string' || !(/^event\.[A-Za-z][A-Za-z0-9_]*$/.test(fact) || (KNOWN_FACTS as readonly string[]).includes(fact))) {
      problems.push(`${at}.fact: must be event.<field> or one of ${KNOWN_FACTS.join(', ')}`);
    }
    if (typeof operator !== 'string' || !OPERATORS.includes(operator as Operator)) {
      return void problems.push(`${at}.operator: must be one of ${OPERATORS.join(', ')}`);
    }
    const op = operator as Operator;
    if (op === 'exists' || op === 'missing') {
      if (value !== undefined) problems.push(`${at}.value: ${op} takes no value`);
    } else if (NUMERIC.includes(op)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) problems.push(`${at}.value: ${op} needs a number`);
    } else if (op === 'in' || op === 'notIn') {
      if (!Array.isArray(value) || value.length === 0 || !value.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) {
        problems.push(`${at}.value: ${op} needs a non-empty list of strings, numbers or booleans`);
      }
    } else if (!['string', 'number', 'boolean'].includes(typeof value)) {
      problems.push(`${at}.value: ${op} needs a string, number or boolean`);
    }
  };
  walk(input, '', 0);
  return problems;
}

export function factValue(facts: RuleFacts, path: string): unknown {
  const [head, ...rest] = path.split('.');
  let value: unknown = (facts as unknown as Record<string, unknown>)[head];
  for (const key of rest) value = isObject(value) ? value[key] : undefined;
  return value;
}

/** Evaluates a (validated) condition tree. A missing fact fails every test but `missing` and `notEqual`/`notIn`. */
export function evaluateCondition(c: RuleCondition, facts: RuleFacts): boolean {
  if ('all' in c) return c.all.every((x) => evaluateCondition(x, facts));
  if ('any' in c) return c.any.some((x) => evaluateCondition(x, facts));
  if ('not' in c) return !evaluateCondition(c.not, facts);
  const actual = factValue(facts, c.fact);
  const present = actual !== undefined && actual !== null;
  switch (c.operator) {
    case 'exists':
      return present;
    case 'missing':
      return !present;
    case 'equal':
      return present && actual === c.value;
    case 'notEqual':
      return actual !== c.value;
    case 'in':
      return present && (c.value as unknown[]).includes(actual);
    case 'notIn':
      return !(c.value as unknown[]).includes(actual);
    case 'contains':
      return Array.isArray(actual) ? actual.includes(c.value) : typeof actual === 'string' && actual.includes(String(c.value));
    case 'lessThan':
      return typeof actual === 'number' && actual < (c.value as number);
    case 'lessThanOrEqual':
      return typeof actual === 'number' && actual <= (c.value as number);
    case 'greaterThan':
      return typeof actual === 'number' && actual > (c.value as number);
    case 'greaterThanOrEqual':
      return typeof actual === 'number' && actual >= (c.value as number);
  }
}
