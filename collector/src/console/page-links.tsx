/** @jsxRuntime automatic @jsxImportSource hono/jsx */

const labels = {
  pages: ['← First page', 'Next →'],
  'newest first': ['← Newest', 'Older →'],
} as const;

/**
 * The links under a list read a page at a time: back to the first page once past it, on while there is
 * more. `at` makes a later page's link from its cursor; by default `first?cursor=…`.
 */
export function PageLinks(props: {
  first: string;
  paged: boolean;
  nextCursor: string | null | undefined;
  order: keyof typeof labels;
  at?: (cursor: string) => string;
  style?: string;
}) {
  const [back, on] = labels[props.order];
  const at = props.at ?? ((cursor: string) => `${props.first}?cursor=${encodeURIComponent(cursor)}`);
  return (
    <p class="toolbar" style={props.style}>
      {props.paged && (
        <a class="button secondary" href={props.first}>
          {back}
        </a>
      )}
      {props.nextCursor && (
        <a class="button secondary" href={at(props.nextCursor)}>
          {on}
        </a>
      )}
    </p>
  );
}
