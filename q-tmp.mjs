import pg from 'pg';
const db = process.argv[2];
const c = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:5432/${db}` });
await c.connect();
const mod = await import('/work/main/dist/libs/referrals/src/referral-outcomes.service.js');
let sql, params;
const svc = new mod.ReferralOutcomesService({ snapshot: (fn) => fn(async (s, p) => { sql = s; params = p; return []; }) });
await svc.countsByService({ from: '2025-01-01', to: '2026-01-01' }, null);
for (let k = 0; k < 6; k++) { const t = performance.now(); const r = await c.query(sql, params); console.log(db, 'new', (performance.now() - t).toFixed(1), 'ms', r.rows[0].sent, r.rows[0].median_hours_to_answer); }
const e = await c.query('EXPLAIN (ANALYZE, BUFFERS) ' + sql, params); console.log(e.rows.map(r => r['QUERY PLAN']).join('\n'));
await c.end();
