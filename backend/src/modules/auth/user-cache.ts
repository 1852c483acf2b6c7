import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { UserRow, UsersRepository } from './users.repository';

/** A user held longer than this is read again, whatever was announced. */
const HOLD_MS = 60_000;
const MAX_USERS = 10_000;
const RECONNECT_MS = 1_000;

/**
 * The signed-in users, in memory, for the re-read every authenticated request makes. The
 * database announces every committed change to a user on `user_changed` (a trigger); this
 * instance listens and drops that user at once, so a disabled account or a bumped token version
 * is refused on the next request here as on every other instance. Without a working listener
 * nothing is held: every request reads its user, as with `USER_CACHE=off`.
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

  /** Whether this user is held in memory now. */
  holds(id: string): boolean {
    return !!this.listener && this.held.has(id);
  }

  private async listen(): Promise<void> {
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: 'stockmaster user cache',
    });
    client.on('notification', (message) => {
      this.announcements++;
      if (message.payload) this.held.delete(message.payload);
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query('LISTEN user_changed');
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
