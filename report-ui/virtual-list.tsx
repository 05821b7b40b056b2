import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

export const ROW_HEIGHT = 56;
const OVERSCAN = 8;

interface Props {
  readonly count: number;
  readonly label: string;
  /** The row under the keyboard cursor. */
  readonly active: number;
  readonly onActive: (index: number) => void;
  readonly onOpen: (index: number) => void;
  readonly rowId: (index: number) => string;
  readonly renderRow: (index: number, active: boolean) => ComponentChildren;
  /** Changing it focuses the list (coming back to it from a conversation). */
  readonly focusSignal?: number;
}

/**
 * A listbox that renders only the rows in view (10,000 rows cost what 20 do). Focus stays on the
 * list; arrows, Page Up/Down, Home and End move the active row, Enter opens it.
 */
export function VirtualList({ count, label, active, onActive, onOpen, rowId, renderRow, focusSignal = 0 }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const [printing, setPrinting] = useState(false);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setHeight(el.clientHeight || 600);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const before = () => setPrinting(true);
    const after = () => setPrinting(false);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);

  useEffect(() => {
    if (focusSignal > 0) box.current?.focus();
  }, [focusSignal]);

  // Keep the active row in view.
  useEffect(() => {
    const el = box.current;
    if (!el || active < 0) return;
    const top = active * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  }, [active, focusSignal]);

  const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
  const onKeyDown = (event: KeyboardEvent) => {
    const move = (to: number) => {
      event.preventDefault();
      if (count > 0) onActive(Math.min(count - 1, Math.max(0, to)));
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(active + 1);
      case 'ArrowUp':
        return move(active - 1);
      case 'PageDown':
        return move(active + page);
      case 'PageUp':
        return move(active - page);
      case 'Home':
        return move(0);
      case 'End':
        return move(count - 1);
      case 'Enter':
      case ' ':
        if (active >= 0 && active < count) {
          event.preventDefault();
          onOpen(active);
        }
        return;
      default:
        return;
    }
  };

  // Printing shows every row (up to a few thousand), not the window in view.
  const first = printing ? 0 : Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = printing
    ? Math.min(count, 5000)
    : Math.min(count, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const rows = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <div
        key={i}
        id={rowId(i)}
        role="option"
        aria-selected={i === active}
        class={`row${i === active ? ' active' : ''}`}
        style={printing ? undefined : { top: `${i * ROW_HEIGHT}px` }}
        onClick={() => {
          onActive(i);
          onOpen(i);
        }}
      >
        {renderRow(i, i === active)}
      </div>,
    );
  }
  return (
    <div
      ref={box}
      class={`virtual-list${printing ? ' printing' : ''}`}
      style={printing ? undefined : { height: `${count * ROW_HEIGHT + 2}px` }}
      role="listbox"
      tabIndex={0}
      aria-label={label}
      aria-activedescendant={active >= 0 && active < count ? rowId(active) : undefined}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
      onFocus={() => {
        if (active < 0 && count > 0) onActive(0);
      }}
    >
      <div class="virtual-spacer" style={printing ? undefined : { height: `${count * ROW_HEIGHT}px` }}>
        {rows}
      </div>
    </div>
  );
}
