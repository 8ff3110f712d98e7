import { Migration } from '@mikro-orm/migrations';

/**
 * A published definition's text as authored (`authored_json`), beside the jsonb `document`
 * column, which sorts keys: a form's fields appear in the order of its schema's `properties`, so
 * key order is meaning. Rows published before this migration have none and are read from `document`.
 */
export class Migration20261207000000_authoredDefinition extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "process_definition" add column "authored_json" text null;');
  }
}
