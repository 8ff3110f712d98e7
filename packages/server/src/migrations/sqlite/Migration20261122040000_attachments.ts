import { Migration } from '@mikro-orm/migrations';

/**
 * Attachments (files attached to forms, stored in the database), as MikroORM's schema generator
 * emits them for src/entities/attachment.entity.ts (test/storeSql.test.ts checks that entities and
 * migrated schema agree). One statement per `addSql`: the sqlite3 driver runs only the first
 * statement of a string.
 */
export class Migration20261122040000_attachments extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table `attachment` (`id` text not null, `name` text not null, `mime_type` text not null, `size` integer not null, `sha256` text not null, `content` blob not null, `uploaded_by` text not null, `org_unit` text not null, `instance_id` text null, `created_at` datetime not null, constraint `attachment_uploaded_by_foreign` foreign key(`uploaded_by`) references `app_user`(`id`) on update cascade, constraint `attachment_instance_id_foreign` foreign key(`instance_id`) references `process_instance`(`instance_id`) on delete set null on update cascade, primary key (`id`));');
    this.addSql('create index `attachment_uploaded_by_index` on `attachment` (`uploaded_by`);');
    this.addSql('create index `attachment_instance_id_index` on `attachment` (`instance_id`);');
  }
}
