import { lazy, Suspense } from 'react';
import { useDialogStore } from '../state/dialogStore';
import { useSessionStore } from '../state/sessionStore';
import { AccountDialog } from './AccountDialog';
import { LoginDialog } from './LoginDialog';
import { UserAdmin } from './UserAdmin';

// The import parser (CSV decoding, CRS detection, proj4) is only needed when someone imports:
// load it on demand to keep the first download small.
const ImportWizard = lazy(() => import('./ImportWizard').then((module) => ({ default: module.ImportWizard })));
// The list of imports shares the import actions with the wizard.
const ImportBatches = lazy(() => import('./ImportBatches').then((module) => ({ default: module.ImportBatches })));
// The report dialog likewise: only who makes a report needs it.
const ReportDialog = lazy(() => import('./ReportDialog').then((module) => ({ default: module.ReportDialog })));
// And printing a map view.
const PrintDialog = lazy(() => import('./print/PrintDialog').then((module) => ({ default: module.PrintDialog })));

/** The one modal dialog that is open (sign-in, import, the list of imports, user administration, own account, report, print). */
export function Dialogs() {
  const open = useDialogStore((state) => state.open);
  const close = useDialogStore((state) => state.close);
  const passwordChangeRequired = useSessionStore((state) => state.user !== null && state.passwortAendern);
  // A password that fails the policy comes first: nothing else opens until it is changed.
  if (passwordChangeRequired) return <AccountDialog required onClose={close} />;
  switch (open) {
    case 'login':
      return <LoginDialog onClose={close} />;
    case 'import':
      return (
        <Suspense fallback={null}>
          <ImportWizard onClose={close} />
        </Suspense>
      );
    case 'imports':
      return (
        <Suspense fallback={null}>
          <ImportBatches onClose={close} />
        </Suspense>
      );
    case 'users':
      return <UserAdmin onClose={close} />;
    case 'account':
      return <AccountDialog onClose={close} />;
    case 'report':
      return (
        <Suspense fallback={null}>
          <ReportDialog onClose={close} />
        </Suspense>
      );
    case 'print':
      return (
        <Suspense fallback={null}>
          <PrintDialog onClose={close} />
        </Suspense>
      );
    default:
      return null;
  }
}
