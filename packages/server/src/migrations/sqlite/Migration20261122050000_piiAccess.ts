import { Migration } from '@mikro-orm/migrations';

/**
 * The audit of unmasked personal numbers in API responses (src/privacy), as MikroORM's schema
 * generator emits it for src/entities/piiAccess.entity.ts (test/storeSql.test.ts checks that
 * entities and migrated schema agree). One statement per `addSql`.
 */
export class Migration20261122050000_piiAccess extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table `pii_access` (`id` text not null, `user_id` text not null, `org_unit` text not null, `at` datetime not null, `method` text not null, `route` text not null, `instance_id` text null, `status` integer not null, `id_numbers` integer not null, `phone_numbers` integer not null, primary key (`id`));');
    this.addSql('create index `pii_access_user_id_at_index` on `pii_access` (`user_id`, `at`);');
    this.addSql('create index `pii_access_instance_id_index` on `pii_access` (`instance_id`);');
  }
}
