/** What every renderer needs from the caller; renderers hold no user-facing words of their own. */
export interface RenderOptions {
  /** The localised line shown when a renderer had to cut a card, e.g. "… and 12 more". */
  readonly more: (hiddenCount: number) => string;
  /**
   * The localised "please fill in" message for a required input. Only Teams shows it (it checks
   * required inputs in the client); without it the input's label is shown instead.
   */
  readonly required?: (label: string) => string;
}
