import { Migration } from '@mikro-orm/migrations';

/**
 * The case list (GET /api/instances) decides need-to-know in SQL: who started a case and when
 * become columns of `process_instance`, and `task_assignee` keeps the assignee of every task ever
 * opened. DDL as MikroORM's schema generator emits it for the entities (test/storeSql.test.ts
 * checks that entities and migrated schema agree); the existing cases are filled in from their
 * snapshots and `task.opened` events.
 */
export class Migration20261122030000_caseList extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table "task_assignee" ("instance_id" varchar(255) not null, "task_id" varchar(255) not null, "role" varchar(255) not null, "org_unit" varchar(255) not null, "match" varchar(16) not null, "person" varchar(255) null, constraint "task_assignee_pkey" primary key ("instance_id", "task_id"));');
    this.addSql('alter table "task_assignee" add constraint "task_assignee_instance_id_foreign" foreign key ("instance_id") references "process_instance" ("instance_id") on update cascade;');

    this.addSql('alter table "process_instance" add column "started_by" varchar(255) null, add column "started_at" timestamptz null;');
    this.addSql('create index "process_instance_started_at_instance_id_index" on "process_instance" ("started_at", "instance_id");');

    this.addSql(`update "process_instance" set "started_by" = "snapshot"->'context'->'case'->>'startedBy', "started_at" = ("snapshot"->'context'->'case'->>'startedAt')::timestamptz;`);
    this.addSql(`insert into "task_assignee" ("instance_id", "task_id", "role", "org_unit", "match", "person") select "instance_id", "payload"->>'taskId', "payload"->'data'->'assignee'->>'role', "payload"->'data'->'assignee'->>'orgUnit', "payload"->'data'->'assignee'->>'match', "payload"->'data'->'assignee'->>'person' from "instance_event" where "type" = 'task.opened' on conflict do nothing;`);
  }
}
