import { useEffect, useRef, useState } from 'preact/hooks';
import type { ReportConversation, ReportTurn } from '../src/report/report-data.ts';
import { VerdictBadge } from './badges.tsx';
import { seconds, usd, valueText } from './format.ts';
import { highlightSegments } from './highlight.ts';

/** Quotes to mark per turn number (1-based); quotes without a turn mark every turn. */
function quotesByTurn(c: ReportConversation): Map<number, string[]> {
  const map = new Map<number, string[]>();
  for (const e of c.expectations ?? []) {
    for (const ev of e.evidence ?? []) {
      const turns = ev.turn >= 1 && ev.turn <= c.turns.length ? [ev.turn] : c.turns.map((_, i) => i + 1);
      for (const t of turns) map.set(t, [...(map.get(t) ?? []), ev.quote]);
    }
  }
  return map;
}

function Turn({
  turn,
  number,
  quotes,
  language,
}: {
  turn: ReportTurn;
  number: number;
  quotes: readonly string[];
  language: string | null;
}) {
  const [showIntended, setShowIntended] = useState(false);
  const who = turn.role === 'user' ? 'User' : 'Chatbot';
  const kind = turn.error ? 'error' : turn.role;
  return (
    <li class={`turn turn-${kind}`} id={`turn-${number}`} aria-label={`message ${number}, ${who}`}>
      <div class="turn-meta">
        <span class="turn-number">#{number}</span> <span class="turn-who">{who}</span>
        {turn.language && turn.language.toLowerCase() !== (language ?? '').toLowerCase() ? (
          <span class="tag">in {turn.language}</span>
        ) : null}
        {turn.fallback ? <span class="tag tag-warn">fallback</span> : null}
        {turn.error ? <span class="tag tag-error">error {turn.error.code}</span> : null}
        {turn.responseSeconds !== undefined ? (
          <span class="muted small">replied in {seconds(turn.responseSeconds)}</span>
        ) : null}
      </div>
      <div class="bubble" title={turn.intended !== undefined ? `Intended: ${turn.intended}` : undefined}>
        {highlightSegments(turn.text, quotes).map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : s.text))}
      </div>
      {turn.intended !== undefined ? (
        <div class="intended">
          <button
            type="button"
            class="link-button"
            aria-expanded={showIntended}
            onClick={() => setShowIntended(!showIntended)}
          >
            typos: {showIntended ? 'hide' : 'show'} the intended text
          </button>
          {showIntended ? <p class="intended-text">{turn.intended}</p> : null}
        </div>
      ) : null}
    </li>
  );
}

export function Chat({ c }: { c: ReportConversation }) {
  const quotes = quotesByTurn(c);
  return (
    <ol class="chat" aria-label={`messages of ${c.id}`}>
      {c.turns.map((t, i) => (
        <Turn key={i} turn={t} number={i + 1} quotes={quotes.get(i + 1) ?? []} language={c.language} />
      ))}
    </ol>
  );
}

function KeyValues({ title, entries }: { title: string; entries: readonly [string, unknown][] }) {
  if (entries.length === 0) return null;
  return (
    <section class="panel">
      <h3>{title}</h3>
      <dl class="kv">
        {entries.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{valueText(v)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function ConversationDetails({ c }: { c: ReportConversation }) {
  return (
    <div class="details">
      <KeyValues title="Variables" entries={Object.entries(c.variables)} />
      {c.outputs.length > 0 ? (
        <section class="panel">
          <h3>Outputs</h3>
          <table class="compact" id="outputs-table">
            <thead>
              <tr>
                <th scope="col">output</th>
                <th scope="col">value</th>
                <th scope="col">status</th>
              </tr>
            </thead>
            <tbody>
              {c.outputs.map((o) => (
                <tr key={o.name}>
                  <th scope="row">{o.name}</th>
                  <td>{valueText(o.value)}</td>
                  <td>
                    {o.status}
                    {o.grounded === true ? (
                      <span class="tag tag-ok" title="the value comes from what the chatbot said">
                        grounded
                      </span>
                    ) : null}
                    {o.grounded === false ? (
                      <span
                        class="tag tag-warn"
                        title="only the extraction LLM reported a value: no chatbot message says it"
                      >
                        not grounded
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {c.expectations && c.expectations.length > 0 ? (
        <section class="panel" id="expectations">
          <h3>Expectations</h3>
          <ul class="plain">
            {c.expectations.map((e, i) => (
              <li key={i} class="expectation">
                <VerdictBadge verdict={e.verdict} /> <strong>{e.name}</strong>
                {e.kind ? <span class="muted small"> ({e.kind})</span> : null}
                {e.reason ? <p class="small">{e.reason}</p> : null}
                {e.evidence && e.evidence.length > 0 ? (
                  <ul class="evidence">
                    {e.evidence.map((ev, j) => (
                      <li key={j}>
                        <a
                          href={`#turn-${ev.turn}`}
                          onClick={(event) => {
                            event.preventDefault();
                            document.getElementById(`turn-${ev.turn}`)?.scrollIntoView({ block: 'center' });
                          }}
                        >
                          message #{ev.turn}
                        </a>
                        : <q>{ev.quote}</q>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {c.rules && c.rules.length > 0 ? (
        <section class="panel">
          <h3>Rules</h3>
          <ul class="plain">
            {c.rules.map((r) => (
              <li key={r.rule}>
                <VerdictBadge verdict={r.status} /> {r.rule}
                {r.message ? <span class="muted small"> — {r.message}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {c.answered && c.answered.length > 0 ? (
        <section class="panel">
          <h3>Goals answered</h3>
          <ul class="plain">
            {c.answered.map((a) => (
              <li key={a.goal}>
                {a.answered ? '✓' : '✗'} {a.goal}
                {a.evidence ? <div class="muted small">“{a.evidence}”</div> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {c.errors.length > 0 || c.simulatorIssues.length > 0 || (c.simulatorFaults ?? []).length > 0 ? (
        <section class="panel">
          <h3>Problems</h3>
          <ul class="plain">
            {c.errors.map((e, i) => (
              <li key={`e${i}`}>
                <span class="tag tag-error">{e.code}</span> {e.message}
              </li>
            ))}
            {(c.simulatorFaults ?? []).map((s, i) => (
              <li key={`f${i}`}>
                <span class="tag">simulator fault</span> {s}
              </li>
            ))}
            {c.simulatorIssues.map((s, i) => (
              <li key={`s${i}`}>
                <span class="tag">simulator</span> {s}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <KeyValues title="Goals" entries={c.goals.map((g, i) => [String(i + 1), g])} />
    </div>
  );
}

interface Props {
  readonly c: ReportConversation;
  readonly previous?: string | undefined;
  readonly next?: string | undefined;
  readonly position?: string | undefined;
}

export function ConversationView({ c, previous, next, position }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [c.id]);
  return (
    <article class="conversation" aria-labelledby="conversation-title">
      <nav class="pager" aria-label="conversation navigation">
        <a
          href="#conversations"
          onClick={(e) => {
            e.preventDefault();
            history.back();
          }}
        >
          ← list
        </a>
        {previous ? (
          <a href={`#c/${encodeURIComponent(previous)}`} rel="prev">
            previous (k)
          </a>
        ) : (
          <span class="muted">previous</span>
        )}
        {next ? (
          <a href={`#c/${encodeURIComponent(next)}`} rel="next">
            next (j)
          </a>
        ) : (
          <span class="muted">next</span>
        )}
        {position ? <span class="muted small">{position}</span> : null}
      </nav>
      <header class="conversation-head">
        <h2 id="conversation-title" tabIndex={-1} ref={heading}>
          {c.id} <VerdictBadge verdict={c.verdict} />
        </h2>
        <dl class="facts">
          <div>
            <dt>stop reason</dt>
            <dd>
              {c.stopReason}
              {c.stopDetail ? ` — ${c.stopDetail}` : ''}
            </dd>
          </div>
          <div>
            <dt>cost</dt>
            <dd>{usd(c.costUsd)}</dd>
          </div>
          <div>
            <dt>duration</dt>
            <dd>{seconds(c.seconds)}</dd>
          </div>
          <div>
            <dt>messages</dt>
            <dd>{c.turns.length}</dd>
          </div>
          {c.language ? (
            <div>
              <dt>language</dt>
              <dd>{c.language}</dd>
            </div>
          ) : null}
          {c.styles.length > 0 ? (
            <div>
              <dt>styles</dt>
              <dd>{c.styles.join('; ')}</dd>
            </div>
          ) : null}
          {c.trial !== undefined ? (
            <div>
              <dt>trial</dt>
              <dd>{c.trial}</dd>
            </div>
          ) : null}
          {c.file ? (
            <div>
              <dt>file</dt>
              <dd class="small">{c.file}</dd>
            </div>
          ) : null}
        </dl>
      </header>
      <div class="conversation-body">
        <Chat c={c} />
        <ConversationDetails c={c} />
      </div>
    </article>
  );
}
