import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { DiffChange, ReportConversation, ReportDiff } from '../src/report/report-data.ts';
import { VerdictBadge } from './badges.tsx';
import { Chat, ConversationDetails } from './conversation-view.tsx';
import { count, percent } from './format.ts';
import { ColumnHeaders } from './table-parts.tsx';
import { Total } from './total.tsx';
import { VirtualList } from './virtual-list.tsx';

const CHANGES: readonly DiffChange[] = ['regressed', 'fixed', 'changed', 'added', 'removed', 'same'];

function Side({ title, c }: { title: string; c: ReportConversation | undefined }) {
  return (
    <section class="side" aria-label={title}>
      <h3>
        {title}:{' '}
        {c ? (
          <>
            {c.id} <VerdictBadge verdict={c.verdict} />
          </>
        ) : (
          'not played'
        )}
      </h3>
      {c ? (
        <>
          <p class="small">stop reason {c.stopReason}</p>
          <Chat c={c} />
          <ConversationDetails c={c} />
        </>
      ) : null}
    </section>
  );
}

export function DiffView({ diff, selected }: { diff: ReportDiff; selected: string | undefined }) {
  const [change, setChange] = useState<DiffChange | 'flipped' | ''>('flipped');
  const [active, setActive] = useState(-1);
  const rows = useMemo(
    () =>
      diff.conversations.filter((c) =>
        change === '' ? true : change === 'flipped' ? c.change !== 'same' : c.change === change,
      ),
    [diff, change],
  );
  const baseBy = useMemo(() => new Map(diff.base.conversations.map((c) => [c.id, c])), [diff]);
  const headBy = useMemo(() => new Map(diff.head.conversations.map((c) => [c.id, c])), [diff]);
  const current = selected === undefined ? undefined : diff.conversations.find((c) => c.key === selected);
  const sideBySide = useRef<HTMLElement>(null);
  useEffect(() => {
    if (current === undefined) return;
    sideBySide.current?.scrollIntoView({ block: 'start' });
    sideBySide.current?.focus();
  }, [current?.key]);
  const counts = Object.fromEntries(
    CHANGES.map((ch) => [ch, diff.conversations.filter((c) => c.change === ch).length]),
  );
  const flippedRules = diff.rules.filter((r) => r.change !== 'same');
  return (
    <div class="diff">
      <section aria-labelledby="diff-title">
        <h2 id="diff-title">
          {diff.base.run.label} ({diff.base.run.serial}) → {diff.head.run.label} ({diff.head.run.serial})
        </h2>
        <dl class="totals">
          {CHANGES.map((ch) => (
            <Total key={ch} name={ch} label={ch} value={count(counts[ch] ?? 0)} />
          ))}
          {diff.pValue !== undefined ? (
            <Total name="p_value" label="p-value" value={diff.pValue.toPrecision(3)} />
          ) : null}
        </dl>
        <table id="diff-profiles">
          <caption>Profiles</caption>
          <thead>
            <tr>
              <ColumnHeaders
                text={['profile']}
                numbers={[
                  'regressed',
                  'fixed',
                  'pass rate before',
                  'pass rate after',
                  ...(diff.profiles.some((p) => p.pValue !== undefined) ? ['p-value'] : []),
                ]}
              />
            </tr>
          </thead>
          <tbody>
            {diff.profiles.map((p) => (
              <tr key={p.name}>
                <th scope="row">{p.name}</th>
                <td class="num">{p.regressed}</td>
                <td class="num">{p.fixed}</td>
                <td class="num">{percent(p.basePassRate)}</td>
                <td class="num">{percent(p.headPassRate)}</td>
                {diff.profiles.some((x) => x.pValue !== undefined) ? (
                  <td class="num">{p.pValue?.toPrecision(3) ?? '–'}</td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
        {flippedRules.length > 0 ? (
          <table id="diff-rules">
            <caption>Rules that changed</caption>
            <thead>
              <tr>
                <ColumnHeaders text={['rule', 'change']} numbers={['fail before', 'fail after']} />
              </tr>
            </thead>
            <tbody>
              {flippedRules.map((r) => (
                <tr key={r.name}>
                  <th scope="row">{r.name}</th>
                  <td>
                    <span class={`badge badge-${r.change}`}>{r.change}</span>
                  </td>
                  <td class="num">{r.base ? `${r.base.fail} of ${r.base.checks}` : '–'}</td>
                  <td class="num">{r.head ? `${r.head.fail} of ${r.head.checks}` : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      <section aria-labelledby="diff-list-title">
        <h2 id="diff-list-title">Conversations</h2>
        <div class="filter">
          <label for="filter-change">Change</label>
          <select
            id="filter-change"
            value={change}
            onChange={(e) => {
              setActive(-1);
              setChange(e.currentTarget.value as DiffChange | 'flipped' | '');
            }}
          >
            <option value="flipped">any change</option>
            {CHANGES.map((ch) => (
              <option key={ch} value={ch}>
                {ch}
              </option>
            ))}
            <option value="">all</option>
          </select>
        </div>
        <p role="status" aria-live="polite" class="result-count">
          {count(rows.length)} of {count(diff.conversations.length)} conversations
        </p>
        <VirtualList
          count={rows.length}
          label="Conversations of both runs (arrow keys to move, Enter to open)"
          active={active}
          onActive={setActive}
          onOpen={(i) => {
            const row = rows[i];
            if (row) location.hash = `#diff/${encodeURIComponent(row.key)}`;
          }}
          rowId={(i) => `diff-row-${i}`}
          renderRow={(i) => {
            const row = rows[i];
            if (!row) return null;
            return (
              <>
                <span>
                  <span class={`badge badge-${row.change}`}>{row.change}</span>
                </span>
                <span class="row-main">
                  <span class="row-id">{row.key}</span>
                  <span class="row-snippet muted">
                    {row.stopReasonChanged ? 'stop reason changed. ' : ''}
                    {row.outputsChanged.length > 0 ? `outputs changed: ${row.outputsChanged.join(', ')}` : ''}
                  </span>
                </span>
                <span>{row.baseVerdict ? <VerdictBadge verdict={row.baseVerdict} /> : '–'}</span>
                <span>→</span>
                <span>{row.headVerdict ? <VerdictBadge verdict={row.headVerdict} /> : '–'}</span>
              </>
            );
          }}
        />
      </section>
      {current ? (
        <section
          aria-label={`${current.key} side by side`}
          class="side-by-side"
          id="side-by-side"
          tabIndex={-1}
          ref={sideBySide}
        >
          <Side title="before" c={current.baseId === undefined ? undefined : baseBy.get(current.baseId)} />
          <Side title="after" c={current.headId === undefined ? undefined : headBy.get(current.headId)} />
        </section>
      ) : null}
    </div>
  );
}
