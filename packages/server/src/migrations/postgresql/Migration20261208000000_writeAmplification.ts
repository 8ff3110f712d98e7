import { Migration } from '@mikro-orm/migrations';

/**
 * Fewer index pages written per command: events are indexed by type and time only for the
 * monitor's series (instances started and ended, escalations, deadlines run out), not every
 * event a command writes. (PostgreSQL never had the `instance_id` indexes SQLite's migration drops.)
 */
export class Migration20261208000000_writeAmplification extends Migration {
  override async up(): Promise<void> {
    this.addSql('drop index if exists "instance_event_type_at_index";');
    this.addSql('create index "instance_event_series_at_index" on "instance_event" ("type", "at") where "type" in (\'instance.started\', \'instance.ended\', \'case.escalated\', \'timer.expired\');');
  }
}
