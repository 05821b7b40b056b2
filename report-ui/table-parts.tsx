import type { ComponentChildren } from 'preact';

/** The column headings of a table: text columns first, then right-aligned number columns. */
export function ColumnHeaders({ text = [], numbers }: { text?: readonly string[]; numbers: readonly string[] }) {
  return (
    <>
      {text.map((label) => (
        <th key={label} scope="col">
          {label}
        </th>
      ))}
      {numbers.map((label) => (
        <th key={label} scope="col" class="num">
          {label}
        </th>
      ))}
    </>
  );
}

/** A right-aligned number cell; `col` names its column for the page's tests and styles. */
export function NumCell({ col, children }: { col?: string; children: ComponentChildren }) {
  return (
    <td class="num" data-col={col}>
      {children}
    </td>
  );
}

/** A titled section around one wide table that scrolls sideways on narrow screens; ids derive from `id`. */
export function TableSection({
  id,
  title,
  head,
  children,
}: {
  id: string;
  title: string;
  head: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <div class="scroll-x">
        <table id={`${id}-table`}>
          <thead>
            <tr>{head}</tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </div>
    </section>
  );
}
