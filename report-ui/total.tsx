/** One named figure of a totals list; `href` makes the figure a link (to the matching conversations). */
export function Total({
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
