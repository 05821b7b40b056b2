import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ReportData, ReportPayload } from '../src/report/report-data.ts';
import { ConversationList, useMatches } from './conversation-list.tsx';
import { ConversationView } from './conversation-view.tsx';
import { DiffView } from './diff-view.tsx';
import { FilterContext, filtersQuery, type Filters } from './filters.ts';
import { count, seconds } from './format.ts';
import { Overview } from './overview.tsx';
import { parseRoute, type Route } from './route.ts';

interface RouteState {
  readonly route: Route;
  /** The last conversation shown, recorded as the address changes (renders may skip one). */
  readonly lastConversation: string | undefined;
}

function useRoute(): RouteState {
  const [state, setState] = useState<RouteState>(() => {
    const route = parseRoute(location.hash);
    return { route, lastConversation: route.view === 'conversation' ? route.id : undefined };
  });
  useEffect(() => {
    const onChange = (event: HashChangeEvent) => {
      // The address of this change (the page may have moved on since), read now: the update itself runs later.
      const route = parseRoute(event.newURL ? new URL(event.newURL).hash : location.hash);
      setState((prev) => ({
        route,
        lastConversation: route.view === 'conversation' ? route.id : prev.lastConversation,
      }));
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return state;
}

function typingIn(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement
  );
}

function RunHeader({ data }: { data: ReportData }) {
  const r = data.run;
  return (
    <p class="run-facts muted">
      serial {r.serial} · seed {r.seed}
      {r.model ? ` · model ${r.model}` : ''} · {count(data.totals.conversations)} conversations in{' '}
      {seconds(data.totals.seconds)} · run {r.stopReason} · simsim {r.simsimVersion}
    </p>
  );
}

function RunReport({ data }: { data: ReportData }) {
  const { route, lastConversation } = useRoute();
  const context = useMemo(() => new FilterContext(data.conversations, data.rules ?? []), [data]);
  useEffect(() => context.warmUp((step) => setTimeout(step, 0)), [context]);
  // The list's filters live in the address; a conversation keeps those of the list it came from.
  const lastFilters = useRef<Filters>({});
  if (route.view === 'conversations') lastFilters.current = route.filters;
  const filters = lastFilters.current;
  const matches = useMatches(context, filters);
  const byId = useMemo(() => new Map(data.conversations.map((c, i) => [c.id, i])), [data]);

  const current = route.view === 'conversation' ? byId.get(route.id) : undefined;
  const lastViewed = lastConversation === undefined ? undefined : byId.get(lastConversation);
  const position = current === undefined ? -1 : matches.indexOf(current);
  const neighbour = (step: number) => {
    const i = position < 0 ? undefined : matches[position + step];
    return i === undefined ? undefined : data.conversations[i]?.id;
  };
  const previous = neighbour(-1);
  const next = neighbour(1);

  // Read at key time from the address, not from the last render: keys may come faster than renders.
  const latest = useRef({ matches, filters });
  latest.current = { matches, filters };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const now = parseRoute(location.hash);
      if (now.view !== 'conversation' || typingIn(event.target) || event.altKey || event.ctrlKey || event.metaKey)
        return;
      const { matches: list, filters: shown } = latest.current;
      const at = list.indexOf(byId.get(now.id) ?? -1);
      const go = (step: number) => {
        const id = at < 0 ? undefined : data.conversations[list[at + step] ?? -1]?.id;
        if (id !== undefined) location.hash = `#c/${encodeURIComponent(id)}`;
      };
      if (event.key === 'j') go(1);
      else if (event.key === 'k') go(-1);
      else if (event.key === 'Escape') location.hash = `#conversations${filtersQuery(shown)}`;
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [data, byId]);

  const conversation = current === undefined ? undefined : data.conversations[current];
  const listHref = `#conversations${filtersQuery(filters)}`;
  return (
    <>
      <header class="top">
        <h1>simsim report: {data.run.label}</h1>
        <RunHeader data={data} />
        <nav aria-label="views" class="tabs">
          <a href="#overview" aria-current={route.view === 'overview' ? 'page' : undefined}>
            Overview
          </a>
          <a
            href={listHref}
            aria-current={route.view === 'conversations' || route.view === 'conversation' ? 'page' : undefined}
          >
            Conversations
          </a>
        </nav>
      </header>
      <main>
        {/* Kept mounted: the charts are drawn once, whatever the navigation. */}
        <div hidden={route.view !== 'overview'} class="view" data-view="overview">
          <Overview data={data} />
        </div>
        <div hidden={route.view !== 'conversations'} class="view" data-view="conversations">
          <ConversationList
            data={data}
            context={context}
            filters={filters}
            matches={matches}
            visible={route.view === 'conversations'}
            returnTo={lastViewed}
          />
        </div>
        {route.view === 'conversation' ? (
          <div class="view" data-view="conversation">
            {conversation ? (
              <ConversationView
                c={conversation}
                previous={previous}
                next={next}
                position={position >= 0 ? `${position + 1} of ${matches.length} in the list` : undefined}
              />
            ) : (
              <p role="alert">There is no conversation {route.id} in this run.</p>
            )}
          </div>
        ) : null}
      </main>
    </>
  );
}

export function App({ payload }: { payload: ReportPayload }) {
  if (payload.kind === 'run') return <RunReport data={payload.run} />;
  return <DiffApp payload={payload} />;
}

function DiffApp({ payload }: { payload: Extract<ReportPayload, { kind: 'diff' }> }) {
  const { route } = useRoute();
  return (
    <>
      <header class="top">
        <h1>simsim diff</h1>
      </header>
      <main>
        <div class="view" data-view="diff">
          <DiffView diff={payload.diff} selected={route.view === 'diff' ? route.key : undefined} />
        </div>
      </main>
    </>
  );
}
