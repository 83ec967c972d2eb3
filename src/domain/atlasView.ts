// Vocabulary shared by the map, the state and the UI for what a user can switch in the atlas.
// It lives in the domain so that map and state, which may not import each other, agree on it.

/** Groups of territory layers the layer panel switches. */
export type TerritoryLayerGroupId = 'kreis' | 'sozialregionen' | 'sozialraeume' | 'gemeinden' | 'einwohnerklassen';

/** All groups of map layers the layer panel switches: the territory's and the facilities ("Ressourcen"). */
export type LayerGroupId = TerritoryLayerGroupId | 'einrichtungen';

export const TERRITORY_LAYER_GROUP_IDS: readonly TerritoryLayerGroupId[] = ['kreis', 'sozialregionen', 'sozialraeume', 'gemeinden', 'einwohnerklassen'];

export const LAYER_GROUP_IDS: readonly LayerGroupId[] = [...TERRITORY_LAYER_GROUP_IDS, 'einrichtungen'];

export type LayerVisibility = Record<LayerGroupId, boolean>;

export const DEFAULT_LAYER_VISIBILITY: LayerVisibility = {
  kreis: true,
  sozialregionen: true,
  sozialraeume: true,
  gemeinden: true,
  einwohnerklassen: false,
  einrichtungen: true,
};

/** Optional online background maps; "keine" keeps the atlas fully offline. */
export type BasemapId = 'keine' | 'basemapde' | 'osm';

/** What a click on the map selects. */
export type ClickLevel = 'sozialraum' | 'sozialregion';

/** The tabs of the sidebar: the Sozialraum table, the resource map, the coverage analysis, the Kennzahlen. */
export const ATLAS_TABS = ['sozialraeume', 'ressourcen', 'versorgung', 'kennzahlen'] as const;
export type AtlasTab = (typeof ATLAS_TABS)[number];
