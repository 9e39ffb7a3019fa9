import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_order_events_event" ADD VALUE 'tracking-corrected' BEFORE 'cancelled';
  ALTER TABLE "orders" ADD COLUMN "payment_checked_at" timestamp(3) with time zone;
  ALTER TABLE "orders" ADD COLUMN "refund_pending_pence" numeric;
  CREATE INDEX "orders_payment_checked_at_idx" ON "orders" USING btree ("payment_checked_at");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "order_events" ALTER COLUMN "event" SET DATA TYPE text;
  DROP TYPE "public"."enum_order_events_event";
  CREATE TYPE "public"."enum_order_events_event" AS ENUM('placed', 'payment-started', 'payment-failed', 'payment-expired', 'paid', 'payment-problem', 'on-hold', 'released', 'printed', 'dispatched', 'cancelled', 'expired', 'refunded', 'partly-refunded');
  ALTER TABLE "order_events" ALTER COLUMN "event" SET DATA TYPE "public"."enum_order_events_event" USING "event"::"public"."enum_order_events_event";
  DROP INDEX "orders_payment_checked_at_idx";
  ALTER TABLE "orders" DROP COLUMN "payment_checked_at";
  ALTER TABLE "orders" DROP COLUMN "refund_pending_pence";`)
}
