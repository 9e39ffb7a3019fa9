import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_order_events_event" ADD VALUE 'tracking-corrected' BEFORE 'cancelled';
  CREATE TABLE "deleted_connections" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"connection" numeric NOT NULL,
  	"learner_id" integer,
  	"third_party_id" integer,
  	"deleted_at" timestamp(3) with time zone NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "orders" ADD COLUMN "payment_checked_at" timestamp(3) with time zone;
  ALTER TABLE "orders" ADD COLUMN "refund_pending_pence" numeric;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "deleted_connections_id" integer;
  ALTER TABLE "deleted_connections" ADD CONSTRAINT "deleted_connections_learner_id_accounts_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "deleted_connections" ADD CONSTRAINT "deleted_connections_third_party_id_accounts_id_fk" FOREIGN KEY ("third_party_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;
  CREATE UNIQUE INDEX "deleted_connections_connection_idx" ON "deleted_connections" USING btree ("connection");
  CREATE INDEX "deleted_connections_learner_idx" ON "deleted_connections" USING btree ("learner_id");
  CREATE INDEX "deleted_connections_third_party_idx" ON "deleted_connections" USING btree ("third_party_id");
  CREATE INDEX "deleted_connections_updated_at_idx" ON "deleted_connections" USING btree ("updated_at");
  CREATE INDEX "deleted_connections_created_at_idx" ON "deleted_connections" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_deleted_connections_fk" FOREIGN KEY ("deleted_connections_id") REFERENCES "public"."deleted_connections"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "orders_payment_checked_at_idx" ON "orders" USING btree ("payment_checked_at");
  CREATE INDEX "payload_locked_documents_rels_deleted_connections_id_idx" ON "payload_locked_documents_rels" USING btree ("deleted_connections_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "deleted_connections" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "deleted_connections" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_deleted_connections_fk";
  
  ALTER TABLE "order_events" ALTER COLUMN "event" SET DATA TYPE text;
  DROP TYPE "public"."enum_order_events_event";
  CREATE TYPE "public"."enum_order_events_event" AS ENUM('placed', 'payment-started', 'payment-failed', 'payment-expired', 'paid', 'payment-problem', 'on-hold', 'released', 'printed', 'dispatched', 'cancelled', 'expired', 'refunded', 'partly-refunded');
  ALTER TABLE "order_events" ALTER COLUMN "event" SET DATA TYPE "public"."enum_order_events_event" USING "event"::"public"."enum_order_events_event";
  DROP INDEX "orders_payment_checked_at_idx";
  DROP INDEX "payload_locked_documents_rels_deleted_connections_id_idx";
  ALTER TABLE "orders" DROP COLUMN "payment_checked_at";
  ALTER TABLE "orders" DROP COLUMN "refund_pending_pence";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "deleted_connections_id";`)
}
