/**
 * A wide table's box: on a phone it scrolls sideways inside itself rather than the page, and it
 * takes focus (a named region) so a keyboard can scroll it too, links in the table or not.
 */
import type { FC, PropsWithChildren } from 'hono/jsx';

export const TableWrap: FC<PropsWithChildren<{ label: string; class?: string }>> = ({
  label,
  children,
  ...rest
}) => (
  <section class={rest.class ? `table-wrap ${rest.class}` : 'table-wrap'} aria-label={label} tabindex={0}>
    {children}
  </section>
);
