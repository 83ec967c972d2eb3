/** An interaction mode of the map (iD's vocabulary): entered once, exited once. */
export interface MapMode {
  readonly id: 'add-facility' | 'place-hypothetical';
  exit(): void;
}
