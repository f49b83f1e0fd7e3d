import { Link, usePageTitle } from '../router';

export function NotFound({ what = 'Page' }: { what?: string }) {
  usePageTitle(`${what} not found`);
  return (
    <>
      <h1>{what} not found</h1>
      <p>
        {what === 'Person'
          ? 'There is no record here that you may see. The address may be wrong, or your organisation does not work with this person.'
          : 'If you typed the web address, check it is correct.'}
      </p>
      <p>
        <Link to="/">Go to my caseload</Link> or <Link to="/search">search people</Link>.
      </p>
    </>
  );
}
