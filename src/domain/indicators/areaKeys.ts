import { matchKey } from '../import/matchKey';
import type { DataLevel } from './catalog';
import { areasOf, type AreaHierarchy } from './hierarchy';

/**
 * The area a key in an imported file means. Files name municipalities by their AGS (8 digits,
 * Excel may drop the leading zero), by an 11- or 12-digit regional key (GENESIS keys of
 * Samtgemeinde members, the ARS: first five and last three digits are the AGS), or by a key
 * that has since changed (the district's crosswalk in geodata/<id>/schluessel.csv); the Kreis by
 * its 5-digit key; Sozialräume by id or name. Rows of other Kreise, of the Land or of
 * municipal associations (9 digits) are aggregates a statistical export carries along.
 */

/** Older municipality key → today's AGS. Several old keys of one AGS were merged: their values add up. */
export type KeyCrosswalk = ReadonlyMap<string, string>;

export type AreaResolution =
  | { kind: 'gebiet'; level: DataLevel; id: string; name: string; /** The old key that the crosswalk mapped, or null. */ via: string | null }
  | { kind: 'uebersprungen'; reason: string }
  | { kind: 'unbekannt'; message: string };

export interface AreaResolver {
  resolve(text: string): AreaResolution;
}

export function createAreaResolver(hierarchy: AreaHierarchy, crosswalk: KeyCrosswalk): AreaResolver {
  const kreis = hierarchy.nodes.get(hierarchy.kreisKey)!;
  const gemeinden = new Map(areasOf(hierarchy, 'gemeinde').map((node) => [node.id, node]));
  const sozialraeume = [...areasOf(hierarchy, 'sozialraum'), ...areasOf(hierarchy, 'ausserhalb')];
  const byName = new Map<string, (typeof sozialraeume)[number]>();
  for (const node of sozialraeume) {
    byName.set(matchKey(node.id), node);
    byName.set(matchKey(node.name), node);
  }
  // Kreis keys under which the district's municipalities appear: today's and the former ones.
  const ownPrefixes = new Set([kreis.id, ...[...crosswalk.keys()].map((key) => key.slice(0, 5))]);

  function municipality(ags: string, original: string): AreaResolution {
    const today = gemeinden.get(ags);
    if (today) return { kind: 'gebiet', level: 'gemeinde', id: ags, name: today.name, via: null };
    const mapped = crosswalk.get(ags);
    const target = mapped ? gemeinden.get(mapped) : undefined;
    if (target) return { kind: 'gebiet', level: 'gemeinde', id: target.id, name: target.name, via: ags };
    if (ownPrefixes.has(ags.slice(0, 5))) return { kind: 'unbekannt', message: `Gemeindeschlüssel „${original}“ gibt es im ${kreis.name} nicht (auch nicht unter den früheren Schlüsseln)` };
    return { kind: 'uebersprungen', reason: `Gebiet „${original}“ liegt außerhalb des ${kreis.name}` };
  }

  function resolve(text: string): AreaResolution {
    const raw = text.trim();
    if (raw === '') return { kind: 'unbekannt', message: 'Gebiet fehlt' };
    if (raw === 'DG') return { kind: 'uebersprungen', reason: 'Zeile für Deutschland insgesamt' };
    if (/^\d+$/.test(raw)) {
      if (raw.length <= 3) return { kind: 'uebersprungen', reason: `Zeile für ein Land oder einen Regierungsbezirk („${raw}“)` };
      if (raw.length <= 5) {
        const key = raw.padStart(5, '0');
        if (key === kreis.id) return { kind: 'gebiet', level: 'kreis', id: kreis.id, name: kreis.name, via: null };
        if (ownPrefixes.has(key)) return { kind: 'uebersprungen', reason: `Zeile des früheren Kreises „${key}“ (die Gemeinden zählen)` };
        return { kind: 'uebersprungen', reason: `Kreis „${raw}“ ist nicht der ${kreis.name}` };
      }
      if (raw.length <= 8) return municipality(raw.padStart(8, '0'), raw);
      if (raw.length === 9) return { kind: 'uebersprungen', reason: `Zeile eines Gemeindeverbands („${raw}“), die Gemeinden zählen` };
      // GENESIS writes Samtgemeinde members with 11 digits and a leading zero; an 11-digit key without it is an ARS whose zero Excel dropped.
      if (raw.length === 11 || raw.length === 12) {
        if (crosswalk.has(raw)) return municipality(raw, raw);
        const ars = raw.length === 11 && !raw.startsWith('0') ? `0${raw}` : raw;
        return municipality(`${ars.slice(0, 5)}${ars.slice(-3)}`, raw);
      }
      return { kind: 'unbekannt', message: `„${raw}“ ist kein Gemeindeschlüssel (8 Stellen) und kein Regionalschlüssel (12 Stellen)` };
    }
    const node = byName.get(matchKey(raw));
    if (node) return { kind: 'gebiet', level: 'sozialraum', id: node.id, name: node.name, via: null };
    if (matchKey(raw) === matchKey(kreis.name)) return { kind: 'gebiet', level: 'kreis', id: kreis.id, name: kreis.name, via: null };
    return { kind: 'unbekannt', message: `Unbekanntes Gebiet „${raw}“ (weder Gemeindeschlüssel noch Sozialraum des ${kreis.name})` };
  }

  return { resolve };
}
