// All drivers of one browser page, so a spec reads as steps: `atlas.open(…)`,
// `resources.openFacility(name)`, `form.fill({…})`, `coverage.placeHypotheticalAt(…)`.
// Layers: ./browser (Chromium, pages, screenshots) → the drivers (selectors and waits live
// there only) → the specs (steps and assertions).
import type { Page } from 'playwright-core';
import { AtlasDriver } from './atlas';
import { CoverageDriver, PresentationDriver } from './coverage';
import { ConflictDialogDriver, FacilityFormDriver } from './facilityForm';
import { ImportBatchesDriver, ImportWizardDriver } from './importWizard';
import { PrintDriver } from './print';
import { ReportDriver } from './report';
import { IndicatorsDriver } from './indicators';
import { ResourcesDriver } from './resources';
import { AccountDriver, SessionDriver, UsersDriver } from './session';

export interface AppDrivers {
  page: Page;
  atlas: AtlasDriver;
  session: SessionDriver;
  users: UsersDriver;
  account: AccountDriver;
  resources: ResourcesDriver;
  form: FacilityFormDriver;
  conflict: ConflictDialogDriver;
  importWizard: ImportWizardDriver;
  importBatches: ImportBatchesDriver;
  coverage: CoverageDriver;
  presentation: PresentationDriver;
  report: ReportDriver;
  print: PrintDriver;
  indicators: IndicatorsDriver;
}

export function driversFor(page: Page): AppDrivers {
  const atlas = new AtlasDriver(page);
  return {
    page,
    atlas,
    session: new SessionDriver(page),
    users: new UsersDriver(page),
    account: new AccountDriver(page),
    resources: new ResourcesDriver(page, atlas),
    form: new FacilityFormDriver(page),
    conflict: new ConflictDialogDriver(page),
    importWizard: new ImportWizardDriver(page),
    importBatches: new ImportBatchesDriver(page),
    coverage: new CoverageDriver(page, atlas),
    presentation: new PresentationDriver(page),
    report: new ReportDriver(page),
    print: new PrintDriver(page),
    indicators: new IndicatorsDriver(page, atlas),
  };
}
