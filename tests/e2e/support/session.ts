/**
 * Driver for signing in and out and for the user administration, in end-to-end tests.
 *
 * Contract with the app (stable test hooks):
 * - header: `login-open`, `session-user` (name + `session-role`), `logout`, `users-open`
 * - sign-in dialog: `login-email`, `login-password`, `login-submit`, `login-error`
 * - user administration: `users-table`, rows `user-row` (`data-email`) with
 *   `user-toggle-active`; `user-new`, `user-name`, `user-email`, `user-role`, `user-password`,
 *   `user-area-<kind>-<id>` checkboxes, `user-create`, errors `user-error-<field>`
 */
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';

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

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }
}
