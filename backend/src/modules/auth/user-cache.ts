import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { UserRow, UsersRepository } from './users.repository';

/** A user held longer than this is read again, whatever was announced. */
const HOLD_MS = 60_000;
const MAX_USERS = 10_000;
const RECONNECT_MS = 1_000;
/** How long a change waits for every instance to confirm it before answering anyway. */
const SETTLE_MS = 2_000;
/** Every instance's listening session carries this name, so a writer can count them. */
export const USER_CACHE_APPLICATION = 'stockmaster user cache';

/**
 * The signed-in users, in memory, for the re-read every authenticated request makes. The
 * database announces every committed change to a user on `user_changed` (a trigger); this
 * instance listens and drops that user. Without a working listener nothing is held: every request
 * reads its user, as with `USER_CACHE=off`.
 *
 * Announcements arrive a little after the commit, so a revocation (disable, role change, new
 * password) also calls `settled()` before it answers: it announces a marker on `user_sync`, which
 * every listener receives after the change (PostgreSQL delivers notifications in commit order)
 * and confirms on `user_synced`. Once every listening session has confirmed, no instance holds the
 * old user, and the next request anywhere is refused.
 */
@Injectable()
export class UserCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(UserCache.name);
  private readonly held = new Map<string, { user: UserRow; until: number }>();
  private listener: Client | null = null;
  /** Counts announcements: a read that saw one arrive meanwhile is not kept. */
  private announcements = 0;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;
  /** Markers announced by this instance, with the listening sessions yet to confirm them. */
  private readonly waiting = new Map<string, { sessions: Set<number>; done: () => void }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.userCache) await this.listen();
  }

  onApplicationShutdown(): void {
    this.closed = true;
    clearTimeout(this.retry);
    const listener = this.listener;
    this.forget();
    void listener?.end().catch(() => undefined);
  }

  /** The user, from memory when held and listened for, else read (and then held). */
  async get(id: string): Promise<UserRow | null> {
    const now = Date.now();
    const hit = this.listener ? this.held.get(id) : undefined;
    if (hit && hit.until > now) return hit.user;
    const before = this.announcements;
    const user = await this.users.findById(this.dataSource.manager, id);
    if (user && this.listener && before === this.announcements) {
      if (this.held.size >= MAX_USERS) this.held.clear();
      this.held.set(id, { user, until: now + HOLD_MS });
    }
    return user;
  }

  /**
   * Resolves once every instance's listener has handled every user change committed before this
   * call, or after SETTLE_MS (a session that died meanwhile cannot confirm; its instance holds
   * nothing until it listens again). An instance that is not listening itself (`USER_CACHE=off`,
   * or its listener down) cannot hear confirmations, and does not wait.
   */
  async settled(): Promise<void> {
    const listener = this.listener;
    if (!listener) return;
    const marker = randomUUID();
    const sessions = new Set(
      await this.users.listeningSessions(this.dataSource.manager, USER_CACHE_APPLICATION),
    );
    if (sessions.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const confirmed = new Promise<boolean>((resolve) => {
      this.waiting.set(marker, { sessions, done: () => resolve(true) });
      timer = setTimeout(() => resolve(false), SETTLE_MS);
    });
    try {
      await this.users.announceSync(this.dataSource.manager, marker);
      if (!(await confirmed)) {
        const missing = this.waiting.get(marker)?.sessions.size ?? 0;
        this.logger.warn(
          `user cache: ${missing} listening session(s) did not confirm a user change`,
        );
      }
    } finally {
      clearTimeout(timer);
      this.waiting.delete(marker);
    }
  }

  /** Whether this user is held in memory now. */
  holds(id: string): boolean {
    return !!this.listener && this.held.has(id);
  }

  private async listen(): Promise<void> {
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: USER_CACHE_APPLICATION,
    });
    /** This listener's backend pid, as writers list it in `pg_stat_activity`. */
    let session = 0;
    client.on('notification', (message) => {
      const payload = message.payload ?? '';
      if (message.channel === 'user_sync') {
        // Every change announced before this marker has been handled above: confirm it.
        void client
          .query(`SELECT pg_notify('user_synced', $1)`, [`${payload}:${session}`])
          .catch(() => undefined);
      } else if (message.channel === 'user_synced') {
        const [marker, confirmer] = payload.split(':');
        const wait = this.waiting.get(marker);
        wait?.sessions.delete(Number(confirmer));
        if (wait && wait.sessions.size === 0) wait.done();
      } else {
        this.announcements++;
        if (payload) this.held.delete(payload);
      }
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      session = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      await client.query('LISTEN user_changed; LISTEN user_sync; LISTEN user_synced');
    } catch (error) {
      this.logger.warn(`user cache: cannot listen (${(error as Error).message})`);
      this.lost(client);
      return;
    }
    if (this.closed) {
      void client.end().catch(() => undefined);
      return;
    }
    // Whatever changed while nobody listened is unknown: start from nothing.
    this.forget();
    this.listener = client;
  }

  /** The listener is gone: hold nothing until it is back. */
  private lost(client: Client): void {
    if (this.listener && this.listener !== client) return;
    this.forget();
    void client.end().catch(() => undefined);
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.listen();
    }, RECONNECT_MS);
    this.retry.unref();
  }

  private forget(): void {
    this.listener = null;
    this.announcements++;
    this.held.clear();
  }
}
