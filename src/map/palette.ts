// Colours chosen to stay distinguishable for the common colour-vision deficiencies
// (Okabe-Ito for regions); fills are light so outlines and labels stay readable.
export const REGION_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#7A5C00', '#444444'];

/** Pastel fills cycled over Sozialräume where no region level groups them. */
export const SOZIALRAUM_PASTELS = ['#cfe3f3', '#f6dcc7', '#d3ecd9', '#efd6e6', '#f7e7bd', '#dde2f0', '#e5e0cf'];

/** Sequential classes for the municipal population legend (light = few inhabitants). */
export const POPULATION_CLASS_COLOURS = ['#fdebd3', '#fbb47a', '#e8613c', '#a81d1d'];

export const OUTSIDE_FILL = '#d4d4d4';
export const UNINCORPORATED_FILL = '#dfe8d8';
export const KREIS_LINE = '#1f2933';
export const SELECTION_LINE = '#111111';
/** Fill of the selected area: a warm highlight no district fill uses. */
export const SELECTION_FILL = '#ffd45c';
export const BACKGROUND = '#f2f4f6';

export function regionColour(index: number): string {
  return REGION_COLOURS[index % REGION_COLOURS.length]!;
}

/** Mixes a hex colour with white; share 0 = white, 1 = colour. */
export function tint(hex: string, share: number): string {
  const value = Number.parseInt(hex.slice(1), 16);
  const channel = (shift: number) => {
    const c = (value >> shift) & 0xff;
    return Math.round(255 - (255 - c) * share).toString(16).padStart(2, '0');
  };
  return `#${channel(16)}${channel(8)}${channel(0)}`;
}

/** Mixes a hex colour with black; share 1 = unchanged, 0 = black. Used for hover. */
export function shade(hex: string, share: number): string {
  const value = Number.parseInt(hex.slice(1), 16);
  const channel = (shift: number) => Math.round(((value >> shift) & 0xff) * share).toString(16).padStart(2, '0');
  return `#${channel(16)}${channel(8)}${channel(0)}`;
}
