import type { FacilityCategory } from '../../domain/facilities/catalog';
import { effectiveRadiusKm, useCoverageStore } from '../../state/coverageStore';
import { selectCategory, useFacilityStore } from '../../state/facilityStore';

/** The category the Versorgung tab analyses, from the district's catalogue. */
export function useCoverageCategory(): FacilityCategory | undefined {
  const categories = useFacilityStore((state) => state.categories);
  const categoryId = useCoverageStore((state) => state.categoryId);
  return selectCategory({ categories }, categoryId);
}

/** The reach in use for the analysed category (the planner's choice, else the category's own). */
export function useCoverageRadiusKm(): number {
  const category = useCoverageCategory();
  return useCoverageStore((state) => effectiveRadiusKm(state, category));
}
