// Form parts in the GOV.UK pattern: a label on every field, a hint, the error next to the field and
// a summary of all errors at the top that links to each field.
import { type ReactNode, useEffect, useRef } from 'react';
import { ApiError } from './api';

export type Errors = Record<string, string>;

export const fieldId = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

const sentence = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);

/**
 * Messages that came from the API (written for any client: "Must not be greater than 80"): the error
 * summary puts their field's label before them. The portal's own messages already name what to do
 * with which field ("Select what you did"), so the summary shows them as they are, as next to the field.
 */
const fromApi = new Set<string>();

/** An API's message shown next to a field by the form itself (not through errorsFrom): the summary names the field. */
export function apiMessage(text: string): string {
  if (fromApi.size > 500) fromApi.clear();
  fromApi.add(text);
  return text;
}

/**
 * Turns an API error into field errors: BAD_USER_INPUT carries `extensions.fields` with paths relative
 * to the input (`job.hoursPerWeek`); those the form knows go next to their field, others to `_form`.
 */
export function errorsFrom(err: unknown, known: string[]): Errors {
  if (!(err instanceof ApiError)) return { _form: 'Something went wrong. Try again.' };
  const out: Errors = {};
  for (const f of err.fields) {
    const path = f.field.replace(/^input\./, '');
    const key = known.includes(path) ? path : (known.find((k) => k.startsWith(`${path}.`)) ?? '_form');
    const text = sentence(f.messages.join('; '));
    out[key] = out[key] ? `${out[key]}; ${text}` : text;
    apiMessage(out[key]);
  }
  if (!Object.keys(out).length) out._form = err.message;
  return out;
}

export function ErrorSummary({ errors, labels }: { errors: Errors; labels: Record<string, string> }) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors);
  const signature = entries.map(([k, v]) => k + v).join('|');
  const count = entries.length;
  // Focus moves to the summary when the set of errors changes (not on every render).
  useEffect(() => {
    if (count) ref.current?.focus();
  }, [signature, count]);
  if (!entries.length) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={ref}>
      <h2 id="error-summary-title">There is a problem</h2>
      <ul>
        {entries.map(([key, message]) => (
          <li key={key}>
            {key === '_form' ? (
              message
            ) : (
              <a
                href={`#${fieldId(key)}`}
                onClick={(e) => {
                  e.preventDefault();
                  document.getElementById(fieldId(key))?.focus();
                }}
              >
                {labels[key] && fromApi.has(message) ? `${labels[key]}: ` : ''}
                {message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
}

function Wrap({ name, label, hint, error, children, labelFor = true }: FieldProps & { children: ReactNode; labelFor?: boolean }) {
  return (
    <div className={`form-group${error ? ' form-group--error' : ''}`}>
      {labelFor && (
        <label className="label" htmlFor={fieldId(name)}>
          {label}
        </label>
      )}
      {hint && (
        <div className="hint" id={`${fieldId(name)}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <p className="error-message" id={`${fieldId(name)}-error`}>
          <span className="visually-hidden">Error:</span> {error}
        </p>
      )}
      {children}
    </div>
  );
}

const describedBy = (name: string, hint?: string, error?: string) =>
  [hint && `${fieldId(name)}-hint`, error && `${fieldId(name)}-error`].filter(Boolean).join(' ') || undefined;

export function TextField(
  props: FieldProps & {
    value: string;
    onChange: (v: string) => void;
    type?: string;
    autoComplete?: string;
    inputMode?: 'numeric' | 'text';
    width?: 'short' | 'medium';
  },
) {
  const { name, hint, error, value, onChange, type = 'text', autoComplete, inputMode, width } = props;
  return (
    <Wrap {...props}>
      <input
        className={`input${error ? ' input--error' : ''}${width ? ` input--${width}` : ''}`}
        id={fieldId(name)}
        name={name}
        type={type}
        value={value}
        autoComplete={autoComplete}
        inputMode={inputMode}
        spellCheck={false}
        aria-describedby={describedBy(name, hint, error)}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </Wrap>
  );
}

export function TextArea(props: FieldProps & { value: string; onChange: (v: string) => void }) {
  const { name, hint, error, value, onChange } = props;
  return (
    <Wrap {...props}>
      <textarea
        className={`textarea${error ? ' input--error' : ''}`}
        id={fieldId(name)}
        name={name}
        rows={4}
        value={value}
        aria-describedby={describedBy(name, hint, error)}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </Wrap>
  );
}

export interface Option {
  value: string;
  label: string;
  group?: string;
}

export function Select(props: FieldProps & { value: string; onChange: (v: string) => void; options: Option[]; placeholder?: string }) {
  const { name, hint, error, value, onChange, options, placeholder } = props;
  const groups = [...new Set(options.map((o) => o.group ?? ''))];
  const render = (os: Option[]) =>
    os.map((o) => (
      <option key={o.value} value={o.value}>
        {o.label}
      </option>
    ));
  return (
    <Wrap {...props}>
      <select
        className={`select${error ? ' input--error' : ''}`}
        id={fieldId(name)}
        name={name}
        value={value}
        aria-describedby={describedBy(name, hint, error)}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {groups.length === 1 && !groups[0]
          ? render(options)
          : groups.map((g) => (
              <optgroup key={g} label={g}>
                {render(options.filter((o) => (o.group ?? '') === g))}
              </optgroup>
            ))}
      </select>
    </Wrap>
  );
}

/** A question over several inputs: one fieldset with its legend (the label), hint and error. */
function Fieldset({ name, label, hint, error, children }: FieldProps & { children: ReactNode }) {
  return (
    <div className={`form-group${error ? ' form-group--error' : ''}`}>
      <fieldset className="fieldset" aria-describedby={describedBy(name, hint, error)}>
        <legend className="legend">{label}</legend>
        {hint && (
          <div className="hint" id={`${fieldId(name)}-hint`}>
            {hint}
          </div>
        )}
        {error && (
          <p className="error-message" id={`${fieldId(name)}-error`}>
            <span className="visually-hidden">Error:</span> {error}
          </p>
        )}
        {children}
      </fieldset>
    </div>
  );
}

export function Radios(props: FieldProps & { value: string; onChange: (v: string) => void; options: Option[]; inline?: boolean }) {
  const { name, value, onChange, options, inline } = props;
  return (
    <Fieldset {...props}>
      <div className={`radios${inline ? ' radios--inline' : ''}`}>
        {options.map((o, i) => (
          <div className="radio" key={o.value}>
            <input
              className="radio__input"
              type="radio"
              id={i === 0 ? fieldId(name) : `${fieldId(name)}-${o.value}`}
              name={name}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
            />
            <label className="radio__label" htmlFor={i === 0 ? fieldId(name) : `${fieldId(name)}-${o.value}`}>
              {o.label}
            </label>
          </div>
        ))}
      </div>
    </Fieldset>
  );
}

/** A question answered by ticking any number of options: one fieldset, one error, the first box focused from the summary. */
export function Checkboxes(props: FieldProps & { values: string[]; onChange: (v: string[]) => void; options: Option[] }) {
  const { name, values, onChange, options } = props;
  const toggle = (value: string, on: boolean) =>
    onChange(on ? [...values.filter((v) => v !== value), value] : values.filter((v) => v !== value));
  return (
    <Fieldset {...props}>
      {options.map((o, i) => {
        const id = i === 0 ? fieldId(name) : `${fieldId(name)}-${o.value}`;
        return (
          <div className="checkbox" key={o.value}>
            <input
              className="checkbox__input"
              type="checkbox"
              id={id}
              name={name}
              value={o.value}
              checked={values.includes(o.value)}
              onChange={(e) => toggle(o.value, e.target.checked)}
            />
            <label className="checkbox__label" htmlFor={id}>
              {o.label}
            </label>
          </div>
        );
      })}
    </Fieldset>
  );
}

export function Checkbox(props: FieldProps & { checked: boolean; onChange: (v: boolean) => void }) {
  const { name, label, hint, error, checked, onChange } = props;
  return (
    <div className={`form-group${error ? ' form-group--error' : ''}`}>
      {error && (
        <p className="error-message" id={`${fieldId(name)}-error`}>
          <span className="visually-hidden">Error:</span> {error}
        </p>
      )}
      <div className="checkbox">
        <input
          className="checkbox__input"
          type="checkbox"
          id={fieldId(name)}
          name={name}
          checked={checked}
          aria-describedby={describedBy(name, hint, error)}
          onChange={(e) => onChange(e.target.checked)}
        />
        <label className="checkbox__label" htmlFor={fieldId(name)}>
          {label}
        </label>
        {hint && (
          <div className="hint checkbox__hint" id={`${fieldId(name)}-hint`}>
            {hint}
          </div>
        )}
      </div>
    </div>
  );
}

export function Button({
  children,
  busy,
  secondary,
  warning,
  onClick,
  type = 'submit',
  'aria-expanded': expanded,
}: {
  children: ReactNode;
  busy?: boolean;
  secondary?: boolean;
  warning?: boolean;
  onClick?: () => void;
  type?: 'submit' | 'button';
  'aria-expanded'?: boolean;
}) {
  return (
    <button
      className={`button${secondary ? ' button--secondary' : ''}${warning ? ' button--warning' : ''}`}
      type={type}
      disabled={busy}
      aria-disabled={busy ? true : undefined}
      aria-expanded={expanded}
      onClick={onClick}
    >
      {busy ? 'Please wait…' : children}
    </button>
  );
}

export const isIsoDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

/**
 * A date as people type it, as an ISO date: year first (1990-01-23) or day first (23/01/1990,
 * 23-1-1990, 23.01.1990); null for anything else or a day that does not exist.
 */
export function typedDate(text: string): string | null {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  const parts = iso ? [iso[1], iso[2], iso[3]] : dayFirst ? [dayFirst[3], dayFirst[2], dayFirst[1]] : null;
  if (!parts) return null;
  const [y, m, d] = parts;
  const date = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date ? date : null;
}
