import { Migration } from '@mikro-orm/migrations';

/**
 * Snapshot format 3 no longer stores a task's form (nor its title): they are the definition's for
 * the task's step and part. The inbox joins them from the definition the case runs on (readInbox),
 * so `open_task` drops its copy of the form id. DDL as MikroORM's schema generator emits it for the entity.
 */
export class Migration20261207050000_openTaskForm extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table `open_task` drop column `form_id`;');
  }
}
