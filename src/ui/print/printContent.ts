// What the printed sheet of the current view says: its default title and subtitle, the legend of
// what is on the map (the same entries the layer panel, the Versorgung tab and the Kennzahlen tab
// show), the sources with their dates, notes and attribution. Read from the stores at the moment
// of printing; drawn by printPage.ts (preview, PNG, Ctrl+P) and sent to the server for the PDF.
import type { PrintSymbol } from '../../domain/print/request';
import { choropleth } from '../../domain/indicators/choropleth';
import { formatRadiusKm } from '../../domain/coverageView/summary';
import { coverageSourceLines, categoryWording } from '../../domain/coverageView/summary';
import { isScenarioActive } from '../../domain/coverageView/scenario';
import { facilityStand, formatStand } from '../../domain/facilities/stand';
import { SYMBOL_LEGEND, type SymbolVariant } from '../../domain/resources/symbols';
import { formatInteger, formatIsoDate } from '../../domain/format';
import { GEMEINDE_POPULATION_CLASSES } from '../../domain/territory/populationClasses';
import { BASEMAPS } from '../../map/basemaps';
import { drawFacilitySymbol, ICON_SIZE } from '../../map/facilityIcons';
import { KREIS_LINE, OUTSIDE_FILL, POPULATION_CLASS_COLOURS, SOZIALRAUM_PASTELS, UNINCORPORATED_FILL, regionColour, tint } from '../../map/palette';
import { useAtlasStore } from '../../state/atlasStore';
import { effectiveRadiusKm, selectScenario, useCoverageStore } from '../../state/coverageStore';
import { selectCategory, useFacilityStore } from '../../state/facilityStore';
import { useIndicatorStore } from '../../state/indicatorStore';
import { useTerritoryStore } from '../../state/territoryStore';
import { presentationLegend, type LegendEntry } from '../coverage/presentationContent';
import { drawLegendSymbol } from '../coverage/presentationPng';
import { figureText, sourceText } from '../indicators/format';

/** A legend symbol: what the PDF draws itself, or a map symbol drawn on a canvas (sent as picture). */
export type SheetSymbol = Exclude<PrintSymbol, { art: 'bild' }> | { art: 'zeichen'; draw(context: CanvasRenderingContext2D, width: number, height: number): void };

export interface SheetLegendGroup {
  titel: string;
  eintraege: { text: string; symbol: SheetSymbol }[];
}

export interface SheetContent {
  /** The view's name for the file name („Sozialräume“, „Ressourcen“, „Versorgung“, „Kennzahlen“). */
  view: string;
  district: string;
  title: string;
  subtitle: string;
  legend: SheetLegendGroup[];
  sources: string[];
  notes: string[];
  attribution: string;
  /** The map's text alternative (without the legend, which the sheet lists as text). */
  description: string;
  /** Why this view cannot be printed (the internal view of unprotected values); null: it can. */
  refusal: string | null;
}

const fill = (farbe: string, muster: 'voll' | 'schraffiert' | 'leer' = 'voll', rand?: string): SheetSymbol => ({ art: 'flaeche', farbe, muster, ...(rand ? { rand } : {}) });
const line = (farbe: string, breite: number, gestrichelt = false): SheetSymbol => ({ art: 'linie', farbe, breite, gestrichelt });

/** A facility symbol of the map (facilityIcons.ts), centred in the legend's symbol box. */
function facilitySymbol(shape: Parameters<typeof drawFacilitySymbol>[1], colour: string, variant: SymbolVariant): SheetSymbol {
  return {
    art: 'zeichen',
    draw: (context, width, height) => {
      const icon = document.createElement('canvas');
      icon.width = ICON_SIZE * 4;
      icon.height = ICON_SIZE * 4;
      const iconContext = icon.getContext('2d');
      if (!iconContext) return;
      drawFacilitySymbol(iconContext, shape, colour, variant, 4);
      const side = Math.min(width, height) * 1.35;
      context.drawImage(icon, (width - side) / 2, (height - side) / 2, side, side);
    },
  };
}

/** A coverage legend entry (presentationContent.ts) as a sheet symbol. */
function coverageSymbol(entry: LegendEntry): SheetSymbol {
  switch (entry.kind) {
    case 'fill':
    case 'square':
      return fill(entry.colour);
    case 'line':
      return line(entry.colour, 2, true);
    default:
      return {
        art: 'zeichen',
        // drawLegendSymbol draws into a 30 × 22 box left of x, centred on y.
        draw: (context, width, height) => {
          const scale = Math.min(width / 38, height / 26);
          context.save();
          context.scale(scale, scale);
          drawLegendSymbol(context, entry, 4, 13);
          context.restore();
        },
      };
  }
}

const NEUTRAL = '#5f6b7a';
const EXACT: SymbolVariant = { status: 'in Betrieb', approximate: false, unconfirmed: false };

const VIEW_NAMES = { sozialraeume: 'Sozialräume', ressourcen: 'Ressourcen', versorgung: 'Versorgung', kennzahlen: 'Kennzahlen' } as const;

/** The sheet of the view shown now; null until the district is loaded. */
export function sheetContent(): SheetContent | null {
  const { territory, summary } = useTerritoryStore.getState();
  if (!territory || !summary) return null;
  const atlas = useAtlasStore.getState();
  const facilityState = useFacilityStore.getState();
  const coverage = useCoverageStore.getState();
  const indicators = useIndicatorStore.getState();
  const district = territory.district.name;
  const tab = atlas.tab;
  const layers = atlas.layers;
  const regionLevel = territory.district.regionLevel;
  const legend: SheetLegendGroup[] = [];
  const sources: string[] = [];
  const notes: string[] = [];
  let title = `Sozialräume im ${district}`;
  let subtitle = `${summary.sozialraeume.length} Sozialräume${regionLevel ? ` in ${summary.sozialregionen.length} ${regionLevel.plural}` : ''} · Einwohner: Zensus 2022`;
  let description = `Karte des ${district}`;
  let refusal: string | null = null;

  const territorySource = (id: string) => territory.sources.find((source) => source.id === id);
  const boundaries = territorySource('grenzen');
  if (boundaries) sources.push(`${boundaries.label}, Stand ${boundaries.stand}`);
  const areasSource = territorySource('sozialraeume');
  if (areasSource) sources.push(`${areasSource.label} (${areasSource.attribution}), Stand ${areasSource.stand}`);

  // Lines of the territory: on every view.
  const lines: SheetLegendGroup = { titel: 'Grenzen', eintraege: [] };
  if (layers.kreis) lines.eintraege.push({ text: `Kreisgrenze ${district}`, symbol: line(KREIS_LINE, 3) });
  if (layers.gemeinden) lines.eintraege.push({ text: 'Gemeindegrenze', symbol: line('#6b7280', 1, true) });
  if (regionLevel && layers.sozialregionen) {
    summary.sozialregionen.forEach((region, index) =>
      lines.eintraege.push({ text: region.name.startsWith(regionLevel.singular) ? region.name : `${regionLevel.singular} ${region.name}`, symbol: line(regionColour(index), 3.5) }),
    );
  }

  const coverageShown = tab === 'versorgung' && coverage.active && coverage.analysis !== null;
  const indicatorResponse = tab === 'kennzahlen' ? indicators.values.data : null;

  if (coverageShown && coverage.analysis) {
    const category = selectCategory(facilityState, coverage.categoryId);
    if (category) {
      const radiusKm = effectiveRadiusKm(coverage, category);
      const scenario = selectScenario(coverage);
      const wording = categoryWording(category);
      title = `${wording.plural.charAt(0).toUpperCase()}${wording.plural.slice(1)} im ${district}: Umkreis von ${formatRadiusKm(radiusKm)}`;
      subtitle = `${coverage.analysis.result.planungsraum.name} · Umkreis ${formatRadiusKm(radiusKm)} Luftlinie · Einwohner: ${coverage.analysis.method.titel}`;
      description = `Karte der Versorgung mit ${wording.plural} im ${district}: Anteil der Einwohner im Umkreis je Sozialraum und Einwohner ohne Einrichtung im Umkreis`;
      for (const group of presentationLegend(territory, category, coverage.analysis, facilityState.facilities, scenario)) {
        legend.push({ titel: group.title, eintraege: group.entries.map((entry) => ({ text: entry.label, symbol: coverageSymbol(entry) })) });
      }
      const real = coverage.real ?? coverage.analysis;
      if (coverage.surface.method) {
        for (const source of coverageSourceLines({ method: coverage.surface.method, territorySources: territory.sources, analysis: real, reachLabel: coverage.analysis.reach.label })) {
          if (source.label !== 'Grenzen') sources.push(`${source.label}: ${source.text}`);
        }
      }
      if (isScenarioActive(scenario)) notes.push('Szenario – keine beschlossene Planung: hypothetische oder ausgeschaltete Einrichtungen sind eingerechnet.');
    }
  } else if (indicatorResponse) {
    const response = indicatorResponse;
    const classes = choropleth(response, indicators.method);
    const unit = response.kennzahl.einheit;
    title = `${response.kennzahl.name} im ${district}`;
    subtitle = `${response.stand} · je ${indicators.level === 'gemeinde' ? 'Gemeinde' : 'Sozialraum'} · Einheit: ${unit}`;
    description = `Karte der Kennzahl „${response.kennzahl.name}“ je ${indicators.level === 'gemeinde' ? 'Gemeinde' : 'Sozialraum'} im ${district}, ${response.stand}`;
    const entries = classes.legend.map((entry, index) => ({
      text: `${index === 0 ? 'von' : 'über'} ${figureText(entry.from, unit)} bis ${figureText(entry.to, unit)} (${entry.count})`,
      symbol: fill(entry.colour),
    }));
    if (classes.withheld > 0) entries.push({ text: `• geschützt (kleine Zahlen) (${classes.withheld})`, symbol: fill('#ffffff', 'schraffiert', '#424242') });
    if (classes.missing > 0) entries.push({ text: `– kein Wert (${classes.missing})`, symbol: fill('#bdbdbd') });
    if (classes.uncertain > 0) {
      const threshold = formatInteger(territory.district.validityThreshold.einwohner);
      entries.push({ text: `◆ unter ${threshold} Einwohnern: mit Vorsicht deuten (${classes.uncertain})`, symbol: fill('#ffffff', 'leer', '#212121') });
    }
    legend.push({ titel: `${response.kennzahl.name} (${unit})`, eintraege: entries });
    sources.unshift(`${response.kennzahl.name}: ${sourceText(response.quelle)}, ${response.stand}`);
    if (classes.withheld > 0) notes.push('Kleine Zahlen sind geschützt („•“) und auch durch Differenzbildung nicht zu erschließen.');
    if (indicators.view === 'intern') refusal = 'Die interne Ansicht zeigt ungeschützte Werte und wird nicht gedruckt. Bitte „Interne Ansicht“ ausschalten, dann drucken.';
  } else if (tab === 'ressourcen') {
    title = `Ressourcenkarte ${district}`;
    description = `Karte der Einrichtungen im ${district}`;
  }

  // The areas' own colours: only where no analysis colours them.
  if (!coverageShown && !indicatorResponse && layers.sozialraeume) {
    const areas: SheetLegendGroup = {
      titel: `Sozialräume (${summary.sozialraeume.length})`,
      eintraege: [
        {
          text: regionLevel ? `Fläche in der Farbe der ${regionLevel.singular}` : 'Sozialraum (Farben nur zur Unterscheidung)',
          symbol: fill(regionLevel ? tint(regionColour(0), 0.3) : SOZIALRAUM_PASTELS[0]!),
        },
        ...summary.ausserhalb.map((area) => ({ text: `${area.name}: ${area.art}`, symbol: fill(area.art === 'gemeindefreies Gebiet' ? UNINCORPORATED_FILL : OUTSIDE_FILL) })),
      ],
    };
    legend.push(areas);
  }
  if (!coverageShown && !indicatorResponse && layers.einwohnerklassen) {
    legend.push({
      titel: 'Einwohner der Gemeinden (Zensus 2022)',
      eintraege: GEMEINDE_POPULATION_CLASSES.map((populationClass, index) => ({ text: `${populationClass.label} Einwohner`, symbol: fill(POPULATION_CLASS_COLOURS[index]!) })),
    });
  }
  if (!coverageShown && !indicatorResponse) {
    const population = territorySource('bevoelkerung');
    if (population) sources.push(`${population.label}, Stand ${population.stand}`);
  }

  // Facilities, unless the coverage map draws its category's own.
  const facilitiesShown = !coverageShown && layers.einrichtungen && facilityState.status === 'ready';
  if (facilitiesShown) {
    const live = facilityState.facilities.filter((facility) => !facility.geloescht);
    const present = facilityState.categories.filter((category) => live.some((facility) => facility.category === category.id));
    if (present.length > 0) {
      legend.push({
        titel: 'Einrichtungen (Anzahl)',
        eintraege: [
          ...present.map((category) => ({
            text: `${category.label} (${formatInteger(live.filter((facility) => facility.category === category.id).length)})`,
            symbol: facilitySymbol(category.shape, category.colour, EXACT),
          })),
          { text: SYMBOL_LEGEND.geplant, symbol: facilitySymbol('circle', NEUTRAL, { ...EXACT, status: 'geplant' }) },
          { text: SYMBOL_LEGEND.geschlossen, symbol: facilitySymbol('circle', NEUTRAL, { ...EXACT, status: 'geschlossen' }) },
          { text: SYMBOL_LEGEND.unconfirmed, symbol: facilitySymbol('circle', NEUTRAL, { ...EXACT, unconfirmed: true }) },
          { text: 'Lage nur genähert (Ortslage, Gemeinde)', symbol: facilitySymbol('circle', NEUTRAL, { ...EXACT, approximate: true }) },
        ],
      });
      sources.push(`Einrichtungen: Ressourcenkarte des ${district}, ${formatStand(facilityStand(live))}`);
    }
  }
  if (lines.eintraege.length > 0) legend.push(lines);

  const basemap = BASEMAPS.find((option) => option.id === atlas.basemap);
  const attributions = [...new Set(territory.sources.filter((source) => source.id === 'grenzen' || source.id === 'bevoelkerung' || source.id === 'siedlungen').map((source) => source.attribution))];
  if (basemap?.source?.attribution) attributions.push(basemap.source.attribution);

  return {
    view: VIEW_NAMES[tab],
    district,
    title,
    subtitle,
    legend,
    sources,
    notes,
    attribution: attributions.join(' · '),
    description,
    refusal,
  };
}

/** Today as „03.12.2026“ (the sheet's making date; every figure carries its data's own date). */
export function printDate(now = new Date()): { iso: string; text: string } {
  const iso = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(now);
  return { iso, text: formatIsoDate(iso) };
}
