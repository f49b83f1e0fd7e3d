import { usePageTitle } from '../router';

export function Outcomes() {
  usePageTitle('Outcomes');
  return (
    <div className="two-thirds">
      <h1>Outcomes</h1>
      <div className="notification" role="status">
        <p>Reporting is coming. This page will show your organisation’s ETE outcomes: jobs started, jobs sustained 13 weeks and progression through the stages.</p>
      </div>
    </div>
  );
}
