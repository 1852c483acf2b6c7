import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { launchChromium, watchPageErrors } from './support/browser';
import { waitForMail } from './support/mail';
import { RunningServer, startServer } from './support/server';

const ADMIN = { fullName: 'Ada Admin', email: 'ada@example.com', password: 'admin-password-1' };
const AGENT = { fullName: 'Ben Agent', email: 'ben@example.com', password: 'agent-password-1' };

describe('accounts, first run to a signed-in agent, in Chromium', () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sm-accounts-'));
    chmodSync(dataDir, 0o755);
    server = await startServer(dataDir);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
  const navLabels = async (page: Page) =>
    (await nav(page).getByRole('link').allInnerTexts()).map((text) =>
      // Each link reads "<icon ligature>\n<label>": keep the label.
      text.split('\n').pop()!.trim(),
    );

  it('creates the first admin, who invites an agent; the agent joins and sees only agent screens', async () => {
    // First run: the console leads from / to the setup page.
    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    const adminErrors = watchPageErrors(admin);
    await admin.goto(server.url);
    await admin.waitForURL(/\/setup$/);
    await admin.getByRole('heading', { name: 'Create the first administrator' }).waitFor();

    await admin.getByLabel('Full name').fill(ADMIN.fullName);
    await admin.getByLabel('Email address').fill(ADMIN.email);
    await admin.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await admin.getByLabel('Repeat the password').fill(ADMIN.password);
    await admin.getByRole('button', { name: 'Create administrator' }).click();

    // Signed in at once, with the administrator's menu.
    await admin.waitForURL(`${server.url}/`);
    await nav(admin).getByRole('link', { name: /Users/ }).waitFor();
    expect(await navLabels(admin)).toEqual(
      expect.arrayContaining(['Dashboard', 'Products', 'Users', 'Audit log']),
    );

    // A warehouse for the agent, through the API with the admin's token.
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const created = await fetch(`${server.url}/api/v1/warehouses`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ code: 'MAIN', name: 'Main warehouse' }),
    });
    if (created.status === 404) {
      throw new Error('POST /api/v1/warehouses does not exist yet: the warehouse module is needed');
    }
    expect(created.status).toBe(201);

    // Invite the agent through the users screen.
    await nav(admin).getByRole('link', { name: /Users/ }).click();
    await admin.waitForURL(/\/users$/);
    await admin.getByRole('table', { name: 'Users' }).getByText(ADMIN.email).waitFor();
    await admin.getByRole('button', { name: 'Invite user' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('Email address').fill(AGENT.email);
    await dialog.getByLabel('Full name').fill(AGENT.fullName);
    await dialog.getByRole('combobox', { name: 'Role' }).click();
    await admin.getByRole('option', { name: 'Warehouse agent' }).click();
    await dialog.getByRole('combobox', { name: 'Warehouses' }).click();
    await admin.getByRole('option', { name: /MAIN — Main warehouse/ }).click();
    await admin.keyboard.press('Escape'); // closes the multi-select, not the dialog
    // The choices are in the form before it is sent: the panel is gone, the field shows them.
    await admin.getByRole('listbox').waitFor({ state: 'hidden' });
    await dialog.getByRole('combobox', { name: 'Role' }).getByText('Warehouse agent').waitFor();
    await dialog.getByRole('combobox', { name: 'Warehouses' }).getByText(/MAIN/).waitFor();
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    // A dialog that stays open says why (a field error, a refused request).
    await dialog.waitFor({ state: 'hidden', timeout: 15_000 }).catch(async (error: unknown) => {
      throw new Error(`The invitation dialog stayed open: ${await dialog.innerText()}`, {
        cause: error,
      });
    });

    await admin.getByText(`Invitation sent to ${AGENT.email}.`).waitFor();
    const row = admin.getByRole('row').filter({ hasText: AGENT.email });
    await row.getByText('Invited').waitFor();
    await row.getByText('MAIN').waitFor();
    // Signed out, the console asked for no session it could not have: not one error, no refused
    // request either (Chromium logs a 401 as an error).
    expect(adminErrors).toEqual([]);

    // The invitation mail carries the link.
    const { match: token } = await waitForMail(dataDir, /\/invite\/([A-Za-z0-9_-]+)/);

    // The agent, in a browser of their own, sets a password and is signed in.
    const agentContext = await browser.newContext();
    const agent = await agentContext.newPage();
    const agentErrors = watchPageErrors(agent);
    await agent.goto(`${server.url}/invite/${token}`);
    await agent.getByRole('heading', { name: 'Accept your invitation' }).waitFor();
    await agent.getByText(AGENT.email).waitFor();
    await agent.getByText('Warehouse agent').waitFor();
    await agent.getByLabel('Password', { exact: true }).fill(AGENT.password);
    await agent.getByLabel('Repeat the password').fill(AGENT.password);
    await agent.getByRole('button', { name: 'Set password and sign in' }).click();

    await agent.waitForURL(`${server.url}/`);
    await nav(agent)
      .getByRole('link', { name: /Dashboard/ })
      .waitFor();
    await agent.getByRole('button', { name: `Account menu for ${AGENT.fullName}` }).waitFor();
    const agentLabels = await navLabels(agent);
    expect(agentLabels).toEqual(expect.arrayContaining(['Dashboard', 'Products', 'Warehouses']));
    expect(agentLabels).not.toContain('Users');
    expect(agentLabels).not.toContain('Audit log');

    // /users is out of reach: turned back before any users data is asked for.
    const userCalls: string[] = [];
    agent.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/v1/users'))
        userCalls.push(request.url());
    });
    await agent.goto(`${server.url}/users`);
    await agent.getByText('You do not have access to that page.').waitFor();
    // The guard's notice can render before the router has committed its redirect.
    await agent.waitForURL((url) => url.pathname === '/');
    await nav(agent)
      .getByRole('link', { name: /Dashboard/ })
      .waitFor();
    expect(await agent.getByRole('table', { name: 'Users' }).count()).toBe(0);
    expect(userCalls).toEqual([]);
    expect(agentErrors).toEqual([]);

    // The server agrees: the agent's token is refused on the users API.
    const agentLogin = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: AGENT.email, password: AGENT.password }),
    });
    const agentToken = ((await agentLogin.json()) as { accessToken: string }).accessToken;
    const forbidden = await fetch(`${server.url}/api/v1/users`, {
      headers: { Authorization: `Bearer ${agentToken}` },
    });
    expect(forbidden.status).toBe(403);

    await adminContext.close();
    await agentContext.close();
  }, 120_000);
});
