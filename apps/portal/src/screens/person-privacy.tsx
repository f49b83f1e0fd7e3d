// Data protection officers, for one person: the subject access export (subjectAccessExport: the document
// and the JSON, downloaded), and erasure (erasePerson) with its confirmation step.
import { type SubmitEvent, useState } from 'react';
import { gql } from '../api';
import { flash } from '../flash';
import { Button, type Errors, ErrorSummary, errorsFrom, TextArea } from '../forms';
import { graphql } from '../gql';
import { mayAnswerForData } from '../roles';
import { Link, navigate, usePageTitle } from '../router';
import { useSession } from '../session-context';
import { formatDateTime } from '../times';
import { useQuery } from '../use-query';
import { LegalHolds } from './legal-holds';
import { NotFound, queryFallback } from './not-found';
import { personName } from './people-table';

const PrivacyPersonDocument = graphql(`
  query PrivacyPerson($id: ID!) {
    person(id: $id) {
      id
      givenName
      familyName
    }
  }
`);

const PersonAccessLogDocument = graphql(`
  query PersonAccessLog($id: ID!) {
    personAccessLog(personId: $id, first: 50) {
      id
      occurredAt
      actor
      organisationId
      action
      purpose
      breakGlass
    }
  }
`);

const SubjectAccessExportDocument = graphql(`
  mutation SubjectAccessExport($personId: ID!) {
    subjectAccessExport(personId: $personId) {
      json
      document
      generatedAt
      counts {
        section
        rows
      }
    }
  }
`);

const ErasePersonDocument = graphql(`
  mutation ErasePerson($input: PersonReasonInput!) {
    erasePerson(input: $input) {
      id
      erasedAt
    }
  }
`);

interface Files {
  document: string;
  json: string;
  generatedAt: string;
  sections: number;
}
const blobUrl = (text: string, type: string) => URL.createObjectURL(new Blob([text], { type }));

function SubjectAccess({ personId }: { personId: string }) {
  const [files, setFiles] = useState<Files | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  async function prepare() {
    setBusy(true);
    try {
      const made = (await gql(SubjectAccessExportDocument, { personId })).subjectAccessExport;
      setErrors({});
      setFiles({
        document: blobUrl(made.document, 'text/markdown'),
        json: blobUrl(made.json, 'application/json'),
        generatedAt: made.generatedAt,
        sections: made.counts.length,
      });
    } catch (err) {
      setErrors(errorsFrom(err, []));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="section" aria-labelledby="sar-title">
      <h2 id="sar-title">Subject access</h2>
      <p>
        Everything the hub holds about the person, across every organisation, with who saw or changed it. Preparing it is recorded in the
        log.
      </p>
      <ErrorSummary errors={errors} labels={{}} />
      {files ? (
        <div role="status">
          <p>
            Prepared {new Date(files.generatedAt).toLocaleString('en-GB')}, {files.sections} sections.
          </p>
          <ul className="plain-list">
            <li>
              <a href={files.document} download={`subject-access-${personId}.md`}>
                Download the document
              </a>
            </li>
            <li>
              <a href={files.json} download={`subject-access-${personId}.json`}>
                Download the JSON
              </a>
            </li>
          </ul>
        </div>
      ) : (
        <Button type="button" secondary busy={busy} onClick={() => void prepare()}>
          Prepare the subject access export
        </Button>
      )}
    </section>
  );
}

/** Who viewed or changed the record, newest first (the 50 newest; the access search goes further). */
function AccessLog({ personId }: { personId: string }) {
  const q = useQuery(PersonAccessLogDocument, { id: personId });
  const fallback = queryFallback(q, 'Person', 'Loading the access log…');
  return (
    <section className="section" aria-labelledby="log-title">
      <h2 id="log-title">Who accessed the record</h2>
      {fallback ?? (
        <>
          <ul className="plain-list" aria-label="Access log, newest first">
            {q.data!.personAccessLog.map((e) => (
              <li key={e.id}>
                {formatDateTime(e.occurredAt)}: {e.actor} {e.action}
                {e.breakGlass ? ' (break-glass)' : ''}
                {e.purpose ? `, for ${e.purpose}` : ''}
              </li>
            ))}
          </ul>
          <p>
            <Link to="/privacy/access">Search further in the access log</Link>
          </p>
        </>
      )}
    </section>
  );
}

function Erasure({ personId, name }: { personId: string; name: string }) {
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  function next(e: SubmitEvent) {
    e.preventDefault();
    if (reason.trim().length < 5) {
      setErrors({ reason: 'Say why the record is erased: the request and how it was checked (at least 5 characters)' });
      return;
    }
    setErrors({});
    setConfirming(true);
  }
  async function erase() {
    setBusy(true);
    try {
      await gql(ErasePersonDocument, { input: { personId, reason: reason.trim() } });
      flash(`${name}’s record was erased`);
      navigate('/');
    } catch (err) {
      setConfirming(false);
      setErrors(errorsFrom(err, ['reason']));
      setBusy(false);
    }
  }
  return (
    <section className="section" aria-labelledby="erase-title">
      <h2 id="erase-title">Erase the record</h2>
      <p>For a valid erasure request, by the lead organisation’s data protection officer. A legal hold stops it. It cannot be undone.</p>
      <ErrorSummary errors={errors} labels={{ reason: 'Why the record is erased' }} />
      {confirming ? (
        <div className="warning-text" role="alert">
          <p>
            <strong>Erase {name}’s record?</strong> Their details, interventions, consents and history are removed for every organisation;
            referrals stay as a record that one was made, about no one. This cannot be undone.
          </p>
          <div className="button-group">
            <Button type="button" warning busy={busy} onClick={() => void erase()}>
              Yes, erase the record
            </Button>
            <Button type="button" secondary onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : (
        <form onSubmit={next} noValidate>
          <TextArea
            name="reason"
            label="Why the record is erased"
            hint="The person’s request, when it came and how you checked it is valid"
            value={reason}
            onChange={setReason}
            error={errors.reason}
          />
          <Button warning>Continue</Button>
        </form>
      )}
    </section>
  );
}

/** Subject access and erasure for one person, for data protection officers. */
export function PersonPrivacy({ personId }: { personId: string }) {
  usePageTitle('Subject access and erasure');
  const { viewer } = useSession();
  const allowed = mayAnswerForData(viewer);
  const q = useQuery(() => (allowed ? gql(PrivacyPersonDocument, { id: personId }) : Promise.resolve(null)), [allowed, personId]);
  if (!allowed) return <NotFound />;
  const fallback = queryFallback(q, 'Person');
  if (fallback) return fallback;
  const name = personName(q.data!.person);
  return (
    <>
      <p>
        <Link to={`/people/${personId}`}>Back to {name}</Link>
      </p>
      <h1>Subject access and erasure: {name}</h1>
      <AccessLog personId={personId} />
      <SubjectAccess personId={personId} />
      <LegalHolds personId={personId} />
      <Erasure personId={personId} name={name} />
    </>
  );
}
