import { VERDICTS, type ReportData } from '../src/report/report-data.ts';
import { CostBars } from './charts/cost-bars.tsx';
import { CoverageHeatmap } from './charts/heatmap.tsx';
import { ResponseHistograms } from './charts/histograms.tsx';
import { VerdictBars } from './charts/stacked-bars.tsx';
import { filtersQuery, type Filters } from './filters.ts';
import { VERDICT_LABELS, count, percent, seconds, usd } from './format.ts';

const listLink = (filters: Filters) => `#conversations${filtersQuery(filters)}`;

function Total({
  name,
  label,
  value,
  href,
}: {
  name: string;
  label: string;
  value: string;
  href?: string | undefined;
}) {
  return (
    <div class="total" data-total={name}>
      <dt>{label}</dt>
      <dd>{href ? <a href={href}>{value}</a> : value}</dd>
    </div>
  );
}

function Totals({ data }: { data: ReportData }) {
  const t = data.totals;
  const failing = t.verdicts.failed + t.verdicts.error;
  return (
    <section aria-labelledby="totals-title">
      <h2 id="totals-title">Totals</h2>
      <dl class="totals">
        <Total name="conversations" label="Conversations" value={count(t.conversations)} href={listLink({})} />
        <Total name="passed" label="Passed" value={count(t.verdicts.passed)} href={listLink({ verdict: 'passed' })} />
        <Total name="failed" label="Failed" value={count(t.verdicts.failed)} href={listLink({ verdict: 'failed' })} />
        {t.verdicts.error > 0 ? (
          <Total name="error" label="Errors" value={count(t.verdicts.error)} href={listLink({ verdict: 'error' })} />
        ) : null}
        {t.verdicts.inconclusive > 0 ? (
          <Total
            name="inconclusive"
            label="Inconclusive"
            value={count(t.verdicts.inconclusive)}
            href={listLink({ verdict: 'inconclusive' })}
          />
        ) : null}
        {t.simulatorFaults > 0 ? (
          <Total
            name="simulator_fault"
            label="Simulator faults"
            value={count(t.simulatorFaults)}
            href={listLink({ verdict: 'simulator_fault' })}
          />
        ) : null}
        {t.verdicts.interrupted > 0 ? (
          <Total
            name="interrupted"
            label="Interrupted"
            value={count(t.verdicts.interrupted)}
            href={listLink({ verdict: 'interrupted' })}
          />
        ) : null}
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
              <th scope="col">Stop reason</th>
              <th scope="col" class="num">
                Failed
              </th>
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
  return (
    <section aria-labelledby="profiles-title">
      <h2 id="profiles-title">Profiles</h2>
      <div class="scroll-x">
        <table id="profiles-table">
          <thead>
            <tr>
              <th scope="col">Profile</th>
              <th scope="col" class="num">
                Conversations
              </th>
              <th scope="col" class="num">
                Passed
              </th>
              <th scope="col" class="num">
                Failed
              </th>
              {extra.map((v) => (
                <th key={v} scope="col" class="num">
                  {VERDICT_LABELS[v]}
                </th>
              ))}
              <th scope="col" class="num">
                Pass rate
              </th>
              {ks.map((k) => (
                <th key={k} scope="col" class="num">
                  pass^{k}
                </th>
              ))}
              <th scope="col" class="num">
                Cost
              </th>
              <th scope="col" class="num">
                Messages
              </th>
              <th scope="col" class="num">
                Median reply
              </th>
              <th scope="col" class="num">
                90% reply
              </th>
            </tr>
          </thead>
          <tbody>
            {data.profiles.map((p) => (
              <tr key={p.name} data-profile={p.name}>
                <th scope="row">
                  <a href={listLink({ profile: p.name })}>{p.name}</a>
                  {p.file ? <div class="muted small">{p.file}</div> : null}
                </th>
                <td class="num" data-col="conversations">
                  {count(p.conversations)}
                </td>
                <td class="num" data-col="passed">
                  {count(p.verdicts.passed)}
                </td>
                <td class="num" data-col="failed">
                  {p.verdicts.failed > 0 ? (
                    <a href={listLink({ profile: p.name, verdict: 'failed' })}>{count(p.verdicts.failed)}</a>
                  ) : (
                    '0'
                  )}
                </td>
                {extra.map((v) => (
                  <td key={v} class="num" data-col={v}>
                    {count(p.verdicts[v])}
                  </td>
                ))}
                <td class="num" data-col="pass_rate">
                  {percent(p.passRate)}
                </td>
                {ks.map((k) => (
                  <td key={k} class="num" data-col={`pass_${k}`}>
                    {percent(p.passK?.find((x) => x.k === k)?.value)}
                  </td>
                ))}
                <td class="num" data-col="cost">
                  {usd(p.costUsd)}
                </td>
                <td class="num" data-col="turns">
                  {count(p.turns)}
                </td>
                <td class="num">{seconds(p.responseTimes?.median)}</td>
                <td class="num">{seconds(p.responseTimes?.p90)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Rules({ data }: { data: ReportData }) {
  if (!data.rules || data.rules.length === 0) return null;
  return (
    <section aria-labelledby="rules-title">
      <h2 id="rules-title">Rules</h2>
      <div class="scroll-x">
        <table id="rules-table">
          <thead>
            <tr>
              <th scope="col">rule</th>
              <th scope="col" class="num">
                checks
              </th>
              <th scope="col" class="num">
                pass
              </th>
              <th scope="col" class="num">
                fail
              </th>
              <th scope="col" class="num">
                not_applicable
              </th>
              <th scope="col" class="num">
                fail_rate
              </th>
            </tr>
          </thead>
          <tbody>
            {data.rules.map((r) => (
              <tr key={r.name} class={r.fail > 0 ? 'row-fail' : ''}>
                <th scope="row">
                  {r.name}
                  {r.description ? <div class="muted small">{r.description}</div> : null}
                </th>
                <td class="num">{r.checks}</td>
                <td class="num">{r.pass}</td>
                <td class="num">
                  {r.fail > 0 && r.failed && r.failed.length > 0 ? (
                    <a href={listLink({ rule: r.name })}>{r.fail}</a>
                  ) : (
                    r.fail
                  )}
                </td>
                <td class="num">{r.notApplicable}</td>
                <td class="num">{r.failRate}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
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
