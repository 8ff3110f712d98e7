import { Migration } from '@mikro-orm/migrations';

/**
 * The case list (GET /api/instances) decides need-to-know in SQL: who started a case and when
 * become columns of `process_instance`, and `task_assignee` keeps the assignee of every task ever
 * opened. DDL as MikroORM's schema generator emits it for the entities (test/storeSql.test.ts
 * checks that entities and migrated schema agree); the existing cases are filled in from their
 * snapshots and `task.opened` events. Dates are epoch milliseconds, as MikroORM stores them on
 * SQLite. One statement per `addSql`: the sqlite3 driver runs only the first statement of a string.
 */
export class Migration20261122030000_caseList extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table `task_assignee` (`instance_id` text not null, `task_id` text not null, `role` text not null, `org_unit` text not null, `match` text not null, `person` text null, constraint `task_assignee_instance_id_foreign` foreign key(`instance_id`) references `process_instance`(`instance_id`) on update cascade, primary key (`instance_id`, `task_id`));');
    this.addSql('create index `task_assignee_instance_id_index` on `task_assignee` (`instance_id`);');

    this.addSql('alter table `process_instance` add column `started_by` text null;');
    this.addSql('alter table `process_instance` add column `started_at` datetime null;');
    this.addSql('create index `process_instance_started_at_instance_id_index` on `process_instance` (`started_at`, `instance_id`);');

    this.addSql("update `process_instance` set `started_by` = json_extract(`snapshot`, '$.context.case.startedBy'), `started_at` = cast(round((julianday(json_extract(`snapshot`, '$.context.case.startedAt')) - 2440587.5) * 86400000) as integer);");
    this.addSql("insert into `task_assignee` (`instance_id`, `task_id`, `role`, `org_unit`, `match`, `person`) select `instance_id`, json_extract(`payload`, '$.taskId'), json_extract(`payload`, '$.data.assignee.role'), json_extract(`payload`, '$.data.assignee.orgUnit'), json_extract(`payload`, '$.data.assignee.match'), json_extract(`payload`, '$.data.assignee.person') from `instance_event` where `type` = 'task.opened' on conflict do nothing;");
  }
}
