import { useEffect, useMemo, useState } from 'preact/hooks';
import { VERDICTS, type ReportData, type Verdict } from '../src/report/report-data.ts';
import { VerdictBadge } from './badges.tsx';
import { filterConversations, filtersQuery, type FilterContext, type Filters } from './filters.ts';
import { VERDICT_LABELS, count, usd } from './format.ts';
import { VirtualList } from './virtual-list.tsx';

interface Props {
  readonly data: ReportData;
  readonly context: FilterContext;
  readonly filters: Filters;
  /** Indexes of the filtered conversations, shared with the conversation view's next/previous. */
  readonly matches: readonly number[];
  readonly visible: boolean;
  /** The conversation last opened from the list (an index into data.conversations): the list comes back on it. */
  readonly returnTo: number | undefined;
}

function setFilters(filters: Filters): void {
  // replaceState: typing in the search box must not add a history entry per key.
  history.replaceState(null, '', `#conversations${filtersQuery(filters)}`);
  window.dispatchEvent(new HashChangeEvent('hashchange', { newURL: location.href }));
}

function Select({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: string | undefined;
  options: readonly { value: string; label: string }[];
  onChange: (v: string | undefined) => void;
}) {
  return (
    <div class="filter">
      <label for={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.currentTarget.value || undefined)}>
        <option value="">all</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function useMatches(context: FilterContext, filters: Filters): number[] {
  return useMemo(
    () => filterConversations(context, filters),
    [context, filters.profile, filters.verdict, filters.stop, filters.rule, filters.q],
  );
}

export function ConversationList({ data, filters, matches, visible, returnTo }: Props) {
  const [active, setActive] = useState(-1);
  const [focusSignal, setFocusSignal] = useState(0);
  useEffect(() => {
    if (!visible || returnTo === undefined) return;
    const position = matches.indexOf(returnTo);
    if (position < 0) return;
    setActive(position);
    setFocusSignal((n) => n + 1);
  }, [visible]);
  const stops = useMemo(() => [...new Set(data.conversations.map((c) => c.stopReason))].sort(), [data]);
  const verdicts = useMemo(() => {
    const present = new Set(data.conversations.map((c) => c.verdict));
    return [
      ...VERDICTS.filter((v) => present.has(v)).map((v: Verdict) => ({ value: v, label: VERDICT_LABELS[v] })),
      { value: 'not_passed', label: 'not passed' },
    ];
  }, [data]);
  const update = (patch: Partial<Filters>) => {
    setActive(-1);
    setFilters({ ...filters, ...patch });
  };
  const open = (i: number) => {
    const c = data.conversations[matches[i] ?? -1];
    if (c) location.hash = `#c/${encodeURIComponent(c.id)}`;
  };
  return (
    <section aria-labelledby="list-title" class="list-view">
      <h2 id="list-title">Conversations</h2>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <Select
          id="filter-profile"
          label="Profile"
          value={filters.profile}
          options={data.profiles.map((p) => ({ value: p.name, label: p.name }))}
          onChange={(profile) => update({ profile })}
        />
        <Select
          id="filter-verdict"
          label="Verdict"
          value={filters.verdict}
          options={verdicts}
          onChange={(v) => update({ verdict: v as Filters['verdict'] })}
        />
        <Select
          id="filter-stop"
          label="Stop reason"
          value={filters.stop}
          options={stops.map((s) => ({ value: s, label: s }))}
          onChange={(stop) => update({ stop })}
        />
        {data.rules && data.rules.length > 0 ? (
          <Select
            id="filter-rule"
            label="Rule failed"
            value={filters.rule}
            options={data.rules.filter((r) => r.fail > 0).map((r) => ({ value: r.name, label: r.name }))}
            onChange={(rule) => update({ rule })}
          />
        ) : null}
        <div class="filter filter-search">
          <label for="filter-q">Search</label>
          <input
            id="filter-q"
            type="search"
            placeholder="words in the turns, values, ids"
            value={filters.q ?? ''}
            onInput={(e) => update({ q: e.currentTarget.value || undefined })}
          />
        </div>
      </form>
      <p class="result-count" role="status" aria-live="polite" id="result-count">
        {count(matches.length)} of {count(data.conversations.length)} conversations
      </p>
      <div class="list-head" aria-hidden="true">
        <span>verdict</span>
        <span>conversation</span>
        <span>stop reason</span>
        <span class="num">messages</span>
        <span class="num">cost</span>
      </div>
      <VirtualList
        count={matches.length}
        label="Conversations (arrow keys to move, Enter to open)"
        active={active}
        onActive={setActive}
        onOpen={open}
        focusSignal={focusSignal}
        rowId={(i) => `row-${i}`}
        renderRow={(i) => {
          const c = data.conversations[matches[i] ?? -1];
          if (!c) return null;
          const first = c.turns.find((t) => t.role === 'user')?.text ?? '';
          return (
            <>
              <span>
                <VerdictBadge verdict={c.verdict} />
              </span>
              <span class="row-main">
                <span class="row-id">{c.id}</span>
                <span class="row-snippet muted">{first}</span>
              </span>
              <span class="small">{c.stopReason}</span>
              <span class="num">{c.turns.length}</span>
              <span class="num">{usd(c.costUsd)}</span>
            </>
          );
        }}
      />
    </section>
  );
}
