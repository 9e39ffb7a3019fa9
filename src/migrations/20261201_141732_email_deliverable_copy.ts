import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "email_outbox" ADD COLUMN "deliverable_text" varchar;
  ALTER TABLE "email_outbox" ADD COLUMN "deliverable_html" varchar;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "email_outbox" DROP COLUMN "deliverable_text";
  ALTER TABLE "email_outbox" DROP COLUMN "deliverable_html";`)
}
