import { Migration } from '@mikro-orm/migrations';

/**
 * The inbox (GET /api/tasks) reads each of its index ranges in the inbox's own order — due time,
 * then case id, then task id — and stops after a page: the index on `open_task` (role, org_unit,
 * due_at) gains the two tie-breakers, so neither the dated tasks (many share a due day) nor the
 * undated ones (ordered by case and task id alone) are sorted first. It replaces the shorter index,
 * whose lookups it serves as well. DDL as MikroORM's schema generator emits it on PostgreSQL.
 */
export class Migration20261207010000_inboxOrder extends Migration {
  override async up(): Promise<void> {
    this.addSql('create index "open_task_role_org_unit_due_at_instance_id_task_id_index" on "open_task" ("role", "org_unit", "due_at", "instance_id", "task_id");');
    this.addSql('drop index "open_task_role_org_unit_due_at_index";');
  }
}
