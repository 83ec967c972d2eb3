/**
 * Driver for signing in and out and for the user administration, in end-to-end tests.
 *
 * Contract with the app (stable test hooks):
 * - header: `login-open`, `session-user` (name + `session-role`), `logout`, `users-open`
 * - sign-in dialog: `login-email`, `login-password`, `login-submit`, `login-error`
 * - user administration: `users-table`, rows `user-row` (`data-email`) with
 *   `user-toggle-active`; `user-new`, `user-name`, `user-email`, `user-role`, `user-password`,
 *   `user-password-rules`, `user-area-<kind>-<id>` checkboxes, `user-create`, errors
 *   `user-error-<field>`; failed sign-ins `throttle-section`, rows `throttle-row` (`data-key`)
 *   with `throttle-wait` and `throttle-release`
 * - own account: `account-open`, dialog `account-dialog` (`password-required` when the password
 *   must be changed, `password-required-logout`), `password-rules`, `password-current`,
 *   `password-new`, `password-repeat`, `password-submit`, `password-error`; `sessions-table`,
 *   rows `session-row` (`data-current`) with `session-end`
 */
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { screenshotStats, type Screenshot } from './browser';

export interface Credentials {
  email: string;
  password: string;
}

export interface NewUser extends Credentials {
  name: string;
  role: 'admin' | 'planung' | 'koordination';
  /** Areas of a coordinator, e.g. "sozialraum-rosdorf". */
  areas?: string[];
}

/** Signs a browser context in through the API (sets the session cookie); returns a CSRF-aware client. */
export async function apiSession(context: BrowserContext | { request: APIRequestContext }, baseUrl: string, credentials: Credentials) {
  const request = context.request;
  const response = await request.post(new URL('/api/session', baseUrl).href, {
    data: { email: credentials.email, passwort: credentials.password },
  });
  if (!response.ok()) throw new Error(`sign-in failed: ${response.status()} ${await response.text()}`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const send = async (method: 'POST' | 'PATCH' | 'DELETE', path: string, data: unknown) => {
    const result = await request.fetch(new URL(path, baseUrl).href, { method, data, headers: { 'X-CSRF-Token': csrfToken } });
    if (!result.ok()) throw new Error(`${method} ${path}: ${result.status()} ${await result.text()}`);
    return result.json();
  };
  return {
    post: (path: string, data: unknown) => send('POST', path, data),
    patch: (path: string, data: unknown) => send('PATCH', path, data),
    get: async (path: string) => (await request.get(new URL(path, baseUrl).href)).json(),
  };
}

export class SessionDriver {
  constructor(readonly page: Page) {}

  /** Opens the sign-in dialog from the header. */
  async openSignIn(): Promise<void> {
    await this.page.click('[data-testid="login-open"]');
  }

  /** Fills and sends the open sign-in dialog (it stays open when the server refuses). */
  async submitSignIn({ email, password }: Credentials): Promise<void> {
    await this.page.fill('[data-testid="login-email"]', email);
    await this.page.fill('[data-testid="login-password"]', password);
    await this.page.click('[data-testid="login-submit"]');
  }

  async waitForSignedIn(): Promise<void> {
    await this.page.locator('[data-testid="session-user"]').waitFor();
  }

  /** Signs in through the header's dialog and waits until the header shows the user. */
  async signIn(credentials: Credentials): Promise<void> {
    await this.openSignIn();
    await this.submitSignIn(credentials);
    await this.waitForSignedIn();
  }

  async signInError(): Promise<string | null> {
    return this.page.locator('[data-testid="login-error"]').textContent();
  }

  /** Name and role as the header shows them. */
  async user(): Promise<string | null> {
    return this.page.textContent('[data-testid="session-user"]');
  }

  async role(): Promise<string | null> {
    return this.page.textContent('[data-testid="session-role"]');
  }

  async signOut(): Promise<void> {
    await this.page.click('[data-testid="logout"]');
  }

  async waitForSignedOut(): Promise<void> {
    await this.page.locator('[data-testid="login-open"]').waitFor();
  }
}

export interface SessionRow {
  current: boolean;
  text: string;
}

/** The own account: password change (also the one a failing password demands) and the sessions. */
export class AccountDriver {
  constructor(readonly page: Page) {}

  private get dialog() {
    return this.page.locator('[data-testid="account-dialog"]');
  }

  async open(): Promise<void> {
    await this.page.click('[data-testid="account-open"]');
    await this.page.locator('[data-testid="sessions-table"] [data-testid="session-row"]').first().waitFor();
  }

  /** Waits until the app demands a new password (after signing in with one that fails the policy). */
  async waitForRequiredChange(): Promise<string | null> {
    const notice = this.page.locator('[data-testid="password-required"]');
    await notice.waitFor();
    return notice.textContent();
  }

  async rules(): Promise<string | null> {
    return this.page.textContent('[data-testid="password-rules"]');
  }

  /** Fills and sends the password form; `repeat` defaults to the new password. */
  async changePassword(current: string, next: string, repeat = next): Promise<void> {
    await this.page.fill('[data-testid="password-current"]', current);
    await this.page.fill('[data-testid="password-new"]', next);
    await this.page.fill('[data-testid="password-repeat"]', repeat);
    await this.page.click('[data-testid="password-submit"]');
  }

  async error(): Promise<string | null> {
    const error = this.page.locator('[data-testid="password-error"]');
    await error.waitFor();
    return error.textContent();
  }

  async waitForClosed(): Promise<void> {
    await this.dialog.waitFor({ state: 'detached' });
  }

  async sessions(): Promise<SessionRow[]> {
    const rows = this.page.locator('[data-testid="session-row"]');
    return rows.evaluateAll((elements) => elements.map((element) => ({ current: element.getAttribute('data-current') === 'true', text: element.textContent ?? '' })));
  }

  /** Ends the first session that is not this browser's and waits until its row is gone. */
  async endOtherSession(): Promise<void> {
    const rows = this.page.locator('[data-testid="session-row"][data-current="false"]');
    const before = await rows.count();
    await rows.first().locator('[data-testid="session-end"]').click();
    await this.page.waitForFunction((count) => document.querySelectorAll('[data-testid="session-row"][data-current="false"]').length === count, before - 1);
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.waitForClosed();
  }

  /** Screenshots the open dialog into test-results/<file>. */
  async screenshot(file: string): Promise<Screenshot> {
    return screenshotStats(this.dialog, file);
  }
}

export class UsersDriver {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.click('[data-testid="users-open"]');
    await this.page.locator('[data-testid="users-table"]').waitFor();
  }

  /** Opens the form of a new user and fills it; `create()` sends it. */
  async startNew(user: NewUser): Promise<void> {
    await this.page.click('[data-testid="user-new"]');
    await this.page.fill('[data-testid="user-name"]', user.name);
    await this.page.fill('[data-testid="user-email"]', user.email);
    await this.page.selectOption('[data-testid="user-role"]', user.role);
    await this.page.fill('[data-testid="user-password"]', user.password);
    for (const area of user.areas ?? []) await this.page.check(`[data-testid="user-area-${area}"]`);
  }

  async setPassword(password: string): Promise<void> {
    await this.page.fill('[data-testid="user-password"]', password);
  }

  async addArea(area: string): Promise<void> {
    await this.page.check(`[data-testid="user-area-${area}"]`);
  }

  async create(): Promise<void> {
    await this.page.click('[data-testid="user-create"]');
  }

  async error(field: string): Promise<string | null> {
    return this.page.textContent(`[data-testid="user-error-${field}"]`);
  }

  /** Waits for the row of a user and returns its text. */
  async row(email: string): Promise<string | null> {
    const row = this.page.locator(`[data-testid="user-row"][data-email="${email}"]`);
    await row.waitFor();
    return row.textContent();
  }

  async toggleActive(email: string): Promise<void> {
    await this.page.locator(`[data-testid="user-row"][data-email="${email}"] [data-testid="user-toggle-active"]`).click();
  }

  async passwordRules(): Promise<string | null> {
    return this.page.textContent('[data-testid="user-password-rules"]');
  }

  /** The row of failed sign-ins of an account ("konto:<e-mail>") or address ("adresse:<address>"). */
  async throttleRow(key: string): Promise<{ text: string; waitUntil: string }> {
    const row = this.page.locator(`[data-testid="throttle-row"][data-key="${key}"]`);
    await row.waitFor();
    return { text: (await row.textContent()) ?? '', waitUntil: (await row.locator('[data-testid="throttle-wait"]').textContent()) ?? '' };
  }

  async releaseThrottle(key: string): Promise<void> {
    await this.page.locator(`[data-testid="throttle-row"][data-key="${key}"] [data-testid="throttle-release"]`).click();
    await this.page.locator(`[data-testid="throttle-row"][data-key="${key}"]`).waitFor({ state: 'detached' });
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }
}
