import { Migration } from '@mikro-orm/migrations';

/**
 * Fewer index pages written per command (each is a page in the WAL and again at the checkpoint):
 *
 * - the indexes on `instance_id` alone of events, open tasks, assignees and timers go: each
 *   table's primary key begins with `instance_id` and serves the same lookups;
 * - events are indexed by type and time only for the monitor's series (instances started and
 *   ended, escalations, deadlines run out): an index of every event put a write on the page of
 *   each event type a command writes (tasks opened, completed, …).
 */
export class Migration20261208000000_writeAmplification extends Migration {
  override async up(): Promise<void> {
    this.addSql('drop index if exists `instance_event_instance_id_index`;');
    this.addSql('drop index if exists `open_task_instance_id_index`;');
    this.addSql('drop index if exists `task_assignee_instance_id_index`;');
    this.addSql('drop index if exists `instance_timer_instance_id_index`;');
    this.addSql('drop index if exists `instance_event_type_at_index`;');
    this.addSql('create index `instance_event_series_at_index` on `instance_event` (`type`, `at`) where "type" in (\'instance.started\', \'instance.ended\', \'case.escalated\', \'timer.expired\');');
  }
}
