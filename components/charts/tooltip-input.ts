/** What Recharts hands a custom tooltip, narrowed to what the tooltips here read. */
export interface TooltipInput {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown }>;
}
