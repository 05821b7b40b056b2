import { VERDICTS, type ReportData, type Verdict } from '../src/report/report-data.ts';
import { CostBars } from './charts/cost-bars.tsx';
import { CoverageHeatmap } from './charts/heatmap.tsx';
import { ResponseHistograms } from './charts/histograms.tsx';
import { VerdictBars } from './charts/stacked-bars.tsx';
import { filtersQuery, type Filters } from './filters.ts';
import { ColumnHeaders, NumCell, TableSection } from './table-parts.tsx';
import { VERDICT_LABELS, count, percent, seconds, usd } from './format.ts';
import { Total } from './total.tsx';

const listLink = (filters: Filters) => `#conversations${filtersQuery(filters)}`;

function Totals({ data }: { data: ReportData }) {
  const t = data.totals;
  const failing = t.verdicts.failed + t.verdicts.error;
  // Verdicts most runs never see: shown only when some conversation has one.
  const rareVerdicts: readonly [Verdict, string, number][] = [
    ['error', 'Errors', t.verdicts.error],
    ['inconclusive', 'Inconclusive', t.verdicts.inconclusive],
    ['simulator_fault', 'Simulator faults', t.simulatorFaults],
    ['interrupted', 'Interrupted', t.verdicts.interrupted],
  ];
  return (
    <section aria-labelledby="totals-title">
      <h2 id="totals-title">Totals</h2>
      <dl class="totals">
        <Total name="conversations" label="Conversations" value={count(t.conversations)} href={listLink({})} />
        <Total name="passed" label="Passed" value={count(t.verdicts.passed)} href={listLink({ verdict: 'passed' })} />
        <Total name="failed" label="Failed" value={count(t.verdicts.failed)} href={listLink({ verdict: 'failed' })} />
        {rareVerdicts
          .filter(([, , n]) => n > 0)
          .map(([verdict, label, n]) => (
            <Total key={verdict} name={verdict} label={label} value={count(n)} href={listLink({ verdict })} />
          ))}
        <Total name="pass_rate" label="Pass rate" value={percent(t.passRate)} />
        <Total name="missing_outputs" label="Missing outputs" value={count(t.missingOutputs)} />
        <Total name="cost" label="Cost" value={usd(t.costUsd)} />
        <Total name="duration" label="Duration" value={seconds(t.seconds)} />
        <Total name="turns" label="Messages" value={count(t.turns)} />
      </dl>
      {failing > 0 ? (
        <table class="compact" aria-label="Failures by stop reason">
          <caption>Failures by stop reason</caption>
          <thead>
            <tr>
              <ColumnHeaders text={['Stop reason']} numbers={['Failed']} />
            </tr>
          </thead>
          <tbody>
            {Object.entries(t.failuresByStopReason).map(([reason, n]) => (
              <tr key={reason}>
                <td>
                  <a href={listLink({ stop: reason, verdict: 'not_passed' })}>{reason}</a>
                </td>
                <td class="num">{n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function Profiles({ data }: { data: ReportData }) {
  const extra = VERDICTS.filter(
    (v) => v !== 'passed' && v !== 'failed' && data.profiles.some((p) => p.verdicts[v] > 0),
  );
  const maxK = Math.max(0, ...data.profiles.map((p) => p.passK?.length ?? 0));
  const ks = Array.from({ length: maxK }, (_, i) => i + 1);
  const head = (
    <>
      <th scope="col">Profile</th>
      <ColumnHeaders
        numbers={[
          'Conversations',
          'Passed',
          'Failed',
          ...extra.map((v) => VERDICT_LABELS[v]),
          'Pass rate',
          ...ks.map((k) => `pass^${k}`),
          'Cost',
          'Messages',
          'Median reply',
          '90% reply',
        ]}
      />
    </>
  );
  return (
    <TableSection id="profiles" title="Profiles" head={head}>
      {data.profiles.map((p) => (
        <tr key={p.name} data-profile={p.name}>
          <th scope="row">
            <a href={listLink({ profile: p.name })}>{p.name}</a>
            {p.file ? <div class="muted small">{p.file}</div> : null}
          </th>
          <NumCell col="conversations">{count(p.conversations)}</NumCell>
          <NumCell col="passed">{count(p.verdicts.passed)}</NumCell>
          <NumCell col="failed">
            {p.verdicts.failed > 0 ? (
              <a href={listLink({ profile: p.name, verdict: 'failed' })}>{count(p.verdicts.failed)}</a>
            ) : (
              '0'
            )}
          </NumCell>
          {extra.map((v) => (
            <NumCell key={v} col={v}>
              {count(p.verdicts[v])}
            </NumCell>
          ))}
          <NumCell col="pass_rate">{percent(p.passRate)}</NumCell>
          {ks.map((k) => (
            <NumCell key={k} col={`pass_${k}`}>
              {percent(p.passK?.find((x) => x.k === k)?.value)}
            </NumCell>
          ))}
          <NumCell col="cost">{usd(p.costUsd)}</NumCell>
          <NumCell col="turns">{count(p.turns)}</NumCell>
          <NumCell>{seconds(p.responseTimes?.median)}</NumCell>
          <NumCell>{seconds(p.responseTimes?.p90)}</NumCell>
        </tr>
      ))}
    </TableSection>
  );
}

function Rules({ data }: { data: ReportData }) {
  if (!data.rules || data.rules.length === 0) return null;
  const head = <ColumnHeaders text={['rule']} numbers={['checks', 'pass', 'fail', 'not_applicable', 'fail_rate']} />;
  return (
    <TableSection id="rules" title="Rules" head={head}>
      {data.rules.map((r) => (
        <tr key={r.name} class={r.fail > 0 ? 'row-fail' : ''}>
          <th scope="row">
            {r.name}
            {r.description ? <div class="muted small">{r.description}</div> : null}
          </th>
          <NumCell>{r.checks}</NumCell>
          <NumCell>{r.pass}</NumCell>
          <NumCell>
            {r.fail > 0 && r.failed && r.failed.length > 0 ? <a href={listLink({ rule: r.name })}>{r.fail}</a> : r.fail}
          </NumCell>
          <NumCell>{r.notApplicable}</NumCell>
          <NumCell>{r.failRate}</NumCell>
        </tr>
      ))}
    </TableSection>
  );
}

export function Overview({ data }: { data: ReportData }) {
  return (
    <div class="overview">
      <Totals data={data} />
      <Profiles data={data} />
      <Rules data={data} />
      <section aria-labelledby="charts-title" class="charts">
        <h2 id="charts-title">Charts</h2>
        <VerdictBars profiles={data.profiles} />
        <ResponseHistograms profiles={data.profiles} bins={data.responseTimeBins} />
        <CostBars profiles={data.profiles} />
        <CoverageHeatmap maps={data.coverage} />
      </section>
    </div>
  );
}
