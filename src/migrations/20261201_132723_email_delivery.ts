import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_email_outbox_status" AS ENUM('queued', 'sending', 'sent', 'kept', 'failed');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'deliver-email' BEFORE 'notify-new-documents';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'deliver-email' BEFORE 'notify-new-documents';
  CREATE TABLE "payload_jobs_stats" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"stats" jsonb,
  	"updated_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone
  );
  
  ALTER TABLE "email_outbox" ADD COLUMN "status" "enum_email_outbox_status" DEFAULT 'queued' NOT NULL;
  ALTER TABLE "email_outbox" ADD COLUMN "attempts" numeric DEFAULT 0;
  ALTER TABLE "email_outbox" ADD COLUMN "next_attempt_at" timestamp(3) with time zone;
  ALTER TABLE "email_outbox" ADD COLUMN "claimed_at" timestamp(3) with time zone;
  ALTER TABLE "email_outbox" ADD COLUMN "sent_at" timestamp(3) with time zone;
  ALTER TABLE "email_outbox" ADD COLUMN "message_id" varchar;
  ALTER TABLE "email_outbox" ADD COLUMN "server_response" varchar;
  ALTER TABLE "email_outbox" ADD COLUMN "last_error" varchar;
  ALTER TABLE "email_outbox" ADD COLUMN "resent_from_id" integer;
  -- Messages stored before the queue were kept, never sent: they stay as they were.
  UPDATE "email_outbox" SET "status" = 'kept';
  ALTER TABLE "payload_jobs" ADD COLUMN "meta" jsonb;
  ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_resent_from_id_email_outbox_id_fk" FOREIGN KEY ("resent_from_id") REFERENCES "public"."email_outbox"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "email_outbox_status_idx" ON "email_outbox" USING btree ("status");
  CREATE INDEX "email_outbox_next_attempt_at_idx" ON "email_outbox" USING btree ("next_attempt_at");
  CREATE INDEX "email_outbox_sent_at_idx" ON "email_outbox" USING btree ("sent_at");
  CREATE INDEX "email_outbox_resent_from_idx" ON "email_outbox" USING btree ("resent_from_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "payload_jobs_stats" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "payload_jobs_stats" CASCADE;
  ALTER TABLE "email_outbox" DROP CONSTRAINT "email_outbox_resent_from_id_email_outbox_id_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'notify-new-documents');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'notify-new-documents');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "email_outbox_status_idx";
  DROP INDEX "email_outbox_next_attempt_at_idx";
  DROP INDEX "email_outbox_sent_at_idx";
  DROP INDEX "email_outbox_resent_from_idx";
  ALTER TABLE "email_outbox" DROP COLUMN "status";
  ALTER TABLE "email_outbox" DROP COLUMN "attempts";
  ALTER TABLE "email_outbox" DROP COLUMN "next_attempt_at";
  ALTER TABLE "email_outbox" DROP COLUMN "claimed_at";
  ALTER TABLE "email_outbox" DROP COLUMN "sent_at";
  ALTER TABLE "email_outbox" DROP COLUMN "message_id";
  ALTER TABLE "email_outbox" DROP COLUMN "server_response";
  ALTER TABLE "email_outbox" DROP COLUMN "last_error";
  ALTER TABLE "email_outbox" DROP COLUMN "resent_from_id";
  ALTER TABLE "payload_jobs" DROP COLUMN "meta";
  DROP TYPE "public"."enum_email_outbox_status";`)
}
