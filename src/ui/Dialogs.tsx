import { lazy, Suspense } from 'react';
import { useDialogStore, type DialogId } from '../state/dialogStore';
import { useSessionStore } from '../state/sessionStore';

// The account dialogs open on a click (or when a password must be changed): not in the first view.
const LoginDialog = lazy(() => import('./LoginDialog').then((module) => ({ default: module.LoginDialog })));
const AccountDialog = lazy(() => import('./AccountDialog').then((module) => ({ default: module.AccountDialog })));
const UserAdmin = lazy(() => import('./UserAdmin').then((module) => ({ default: module.UserAdmin })));
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
  if (passwordChangeRequired) {
    return (
      <Suspense fallback={null}>
        <AccountDialog required onClose={close} />
      </Suspense>
    );
  }
  return <Suspense fallback={null}>{dialog(open, close)}</Suspense>;
}

function dialog(open: DialogId | null, close: () => void) {
  switch (open) {
    case 'login':
      return <LoginDialog onClose={close} />;
    case 'import':
      return <ImportWizard onClose={close} />;
    case 'imports':
      return <ImportBatches onClose={close} />;
    case 'users':
      return <UserAdmin onClose={close} />;
    case 'account':
      return <AccountDialog onClose={close} />;
    case 'report':
      return <ReportDialog onClose={close} />;
    case 'print':
      return <PrintDialog onClose={close} />;
    default:
      return null;
  }
}
