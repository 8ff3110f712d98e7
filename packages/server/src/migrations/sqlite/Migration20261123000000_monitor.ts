import { Migration } from '@mikro-orm/migrations';

/**
 * The monitor (GET /api/monitor) answers from indexes: a case's state value becomes a column of
 * `process_instance` (running cases by step without reading snapshots), events are indexed by
 * type and time (daily series, SLA breaches), open tasks by due time (overdue tasks). DDL as
 * MikroORM's schema generator emits it for the entities (test/storeSql.test.ts checks that
 * entities and migrated schema agree); existing cases get their state value from their snapshot
 * (`->` gives JSON text for strings and objects alike). One statement per `addSql`.
 */
export class Migration20261123000000_monitor extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table `process_instance` add column `state_value` text null;');
    this.addSql("update `process_instance` set `state_value` = `snapshot` -> '$.value';");
    this.addSql('create index `process_instance_running_index` on `process_instance` (`status`, `definition_id`, `org_unit`, `definition_version`, `state_value`);');
    this.addSql('create index `instance_event_type_at_index` on `instance_event` (`type`, `at`);');
    this.addSql('create index `open_task_due_at_index` on `open_task` (`due_at`);');
  }
}
