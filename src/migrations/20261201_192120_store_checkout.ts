import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_orders_payment_mode" AS ENUM('stripe', 'test');
  CREATE TYPE "public"."enum_products_qualification_types" AS ENUM('regulated', 'quality-assured', 'accreditation', 'membership');
  CREATE TYPE "public"."enum_basket_items_reason" AS ENUM('lost', 'damaged', 'name-change', 'other');
  CREATE TYPE "public"."enum_order_events_event" AS ENUM('placed', 'payment-started', 'payment-failed', 'payment-expired', 'paid', 'payment-problem', 'on-hold', 'released', 'printed', 'dispatched', 'cancelled', 'expired', 'refunded', 'partly-refunded');
  CREATE TYPE "public"."enum_order_events_party" AS ENUM('learner', 'payment', 'staff', 'system');
  CREATE TYPE "public"."enum_print_batches_status" AS ENUM('open', 'printed', 'dispatched');
  ALTER TYPE "public"."enum_orders_status" ADD VALUE 'on-hold' BEFORE 'printed';
  ALTER TYPE "public"."enum_orders_status" ADD VALUE 'partly-refunded';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'reconcile-payments';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'reconcile-payments';
  CREATE TABLE "products_qualification_types" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_products_qualification_types",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "delivery_options_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "basket_items" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"account_id" integer NOT NULL,
  	"product_id" integer NOT NULL,
  	"achievement_id" integer NOT NULL,
  	"reason" "enum_basket_items_reason" NOT NULL,
  	"price_pence_when_added" numeric DEFAULT 0,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "order_events" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order_id" integer NOT NULL,
  	"event" "enum_order_events_event" NOT NULL,
  	"party" "enum_order_events_party" NOT NULL,
  	"at" timestamp(3) with time zone NOT NULL,
  	"note" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payment_events" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"event_id" varchar NOT NULL,
  	"type" varchar NOT NULL,
  	"order_id" integer,
  	"outcome" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "print_batches" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"batch_number" varchar,
  	"status" "enum_print_batches_status" DEFAULT 'open' NOT NULL,
  	"printed_at" timestamp(3) with time zone,
  	"dispatched_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "print_batches_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"orders_id" integer
  );
  
  ALTER TABLE "orders" ADD COLUMN "payment_mode" "enum_orders_payment_mode";
  ALTER TABLE "orders" ADD COLUMN "stripe_session_id" varchar;
  ALTER TABLE "orders" ADD COLUMN "payment_attempts" numeric DEFAULT 0;
  ALTER TABLE "orders" ADD COLUMN "last_payment_started_at" timestamp(3) with time zone;
  ALTER TABLE "orders" ADD COLUMN "refunded_pence" numeric DEFAULT 0;
  ALTER TABLE "orders" ADD COLUMN "hold_reason" varchar;
  ALTER TABLE "orders" ADD COLUMN "held_from" varchar;
  ALTER TABLE "orders" ADD COLUMN "payment_problem" varchar;
  ALTER TABLE "orders" ADD COLUMN "print_batch_id" integer;
  ALTER TABLE "delivery_options" ADD COLUMN "tracking_url" varchar;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "basket_items_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "order_events_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "payment_events_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "print_batches_id" integer;
  ALTER TABLE "site_settings" ADD COLUMN "seller_name" varchar DEFAULT 'Awarding Body Ltd';
  ALTER TABLE "site_settings" ADD COLUMN "seller_vat_number" varchar;
  ALTER TABLE "site_settings" ADD COLUMN "seller_address" varchar;
  ALTER TABLE "products_qualification_types" ADD CONSTRAINT "products_qualification_types_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "delivery_options_texts" ADD CONSTRAINT "delivery_options_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."delivery_options"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "basket_items" ADD CONSTRAINT "basket_items_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "basket_items" ADD CONSTRAINT "basket_items_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "basket_items" ADD CONSTRAINT "basket_items_achievement_id_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."achievements"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "order_events" ADD CONSTRAINT "order_events_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payment_events" ADD CONSTRAINT "payment_events_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "print_batches_rels" ADD CONSTRAINT "print_batches_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."print_batches"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "print_batches_rels" ADD CONSTRAINT "print_batches_rels_orders_fk" FOREIGN KEY ("orders_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "products_qualification_types_order_idx" ON "products_qualification_types" USING btree ("order");
  CREATE INDEX "products_qualification_types_parent_idx" ON "products_qualification_types" USING btree ("parent_id");
  CREATE INDEX "delivery_options_texts_order_parent" ON "delivery_options_texts" USING btree ("order","parent_id");
  CREATE INDEX "basket_items_account_idx" ON "basket_items" USING btree ("account_id");
  CREATE INDEX "basket_items_product_idx" ON "basket_items" USING btree ("product_id");
  CREATE INDEX "basket_items_achievement_idx" ON "basket_items" USING btree ("achievement_id");
  CREATE INDEX "basket_items_updated_at_idx" ON "basket_items" USING btree ("updated_at");
  CREATE INDEX "basket_items_created_at_idx" ON "basket_items" USING btree ("created_at");
  CREATE UNIQUE INDEX "account_product_achievement_idx" ON "basket_items" USING btree ("account_id","product_id","achievement_id");
  CREATE INDEX "order_events_order_idx" ON "order_events" USING btree ("order_id");
  CREATE INDEX "order_events_updated_at_idx" ON "order_events" USING btree ("updated_at");
  CREATE INDEX "order_events_created_at_idx" ON "order_events" USING btree ("created_at");
  CREATE UNIQUE INDEX "payment_events_event_id_idx" ON "payment_events" USING btree ("event_id");
  CREATE INDEX "payment_events_order_idx" ON "payment_events" USING btree ("order_id");
  CREATE INDEX "payment_events_updated_at_idx" ON "payment_events" USING btree ("updated_at");
  CREATE INDEX "payment_events_created_at_idx" ON "payment_events" USING btree ("created_at");
  CREATE UNIQUE INDEX "print_batches_batch_number_idx" ON "print_batches" USING btree ("batch_number");
  CREATE INDEX "print_batches_updated_at_idx" ON "print_batches" USING btree ("updated_at");
  CREATE INDEX "print_batches_created_at_idx" ON "print_batches" USING btree ("created_at");
  CREATE INDEX "print_batches_rels_order_idx" ON "print_batches_rels" USING btree ("order");
  CREATE INDEX "print_batches_rels_parent_idx" ON "print_batches_rels" USING btree ("parent_id");
  CREATE INDEX "print_batches_rels_path_idx" ON "print_batches_rels" USING btree ("path");
  CREATE INDEX "print_batches_rels_orders_id_idx" ON "print_batches_rels" USING btree ("orders_id");
  ALTER TABLE "orders" ADD CONSTRAINT "orders_print_batch_id_print_batches_id_fk" FOREIGN KEY ("print_batch_id") REFERENCES "public"."print_batches"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_basket_items_fk" FOREIGN KEY ("basket_items_id") REFERENCES "public"."basket_items"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_order_events_fk" FOREIGN KEY ("order_events_id") REFERENCES "public"."order_events"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_payment_events_fk" FOREIGN KEY ("payment_events_id") REFERENCES "public"."payment_events"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_print_batches_fk" FOREIGN KEY ("print_batches_id") REFERENCES "public"."print_batches"("id") ON DELETE cascade ON UPDATE no action;
  CREATE UNIQUE INDEX "orders_stripe_session_id_idx" ON "orders" USING btree ("stripe_session_id");
  CREATE INDEX "orders_last_payment_started_at_idx" ON "orders" USING btree ("last_payment_started_at");
  CREATE INDEX "orders_print_batch_idx" ON "orders" USING btree ("print_batch_id");
  CREATE INDEX "payload_locked_documents_rels_basket_items_id_idx" ON "payload_locked_documents_rels" USING btree ("basket_items_id");
  CREATE INDEX "payload_locked_documents_rels_order_events_id_idx" ON "payload_locked_documents_rels" USING btree ("order_events_id");
  CREATE INDEX "payload_locked_documents_rels_payment_events_id_idx" ON "payload_locked_documents_rels" USING btree ("payment_events_id");
  CREATE INDEX "payload_locked_documents_rels_print_batches_id_idx" ON "payload_locked_documents_rels" USING btree ("print_batches_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "products_qualification_types" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "delivery_options_texts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "basket_items" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "order_events" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "payment_events" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "print_batches" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "print_batches_rels" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "products_qualification_types" CASCADE;
  DROP TABLE "delivery_options_texts" CASCADE;
  DROP TABLE "basket_items" CASCADE;
  DROP TABLE "order_events" CASCADE;
  DROP TABLE "payment_events" CASCADE;
  DROP TABLE "print_batches" CASCADE;
  DROP TABLE "print_batches_rels" CASCADE;
  ALTER TABLE "orders" DROP CONSTRAINT "orders_print_batch_id_print_batches_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_basket_items_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_order_events_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_payment_events_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_print_batches_fk";
  
  ALTER TABLE "orders" ALTER COLUMN "status" SET DATA TYPE text;
  ALTER TABLE "orders" ALTER COLUMN "status" SET DEFAULT 'awaiting-payment'::text;
  DROP TYPE "public"."enum_orders_status";
  CREATE TYPE "public"."enum_orders_status" AS ENUM('awaiting-payment', 'paid', 'printed', 'dispatched', 'cancelled', 'refunded');
  ALTER TABLE "orders" ALTER COLUMN "status" SET DEFAULT 'awaiting-payment'::"public"."enum_orders_status";
  ALTER TABLE "orders" ALTER COLUMN "status" SET DATA TYPE "public"."enum_orders_status" USING "status"::"public"."enum_orders_status";
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'deliver-email', 'notify-new-documents', 'expire-connections', 'match-connection-request');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'deliver-email', 'notify-new-documents', 'expire-connections', 'match-connection-request');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "orders_stripe_session_id_idx";
  DROP INDEX "orders_last_payment_started_at_idx";
  DROP INDEX "orders_print_batch_idx";
  DROP INDEX "payload_locked_documents_rels_basket_items_id_idx";
  DROP INDEX "payload_locked_documents_rels_order_events_id_idx";
  DROP INDEX "payload_locked_documents_rels_payment_events_id_idx";
  DROP INDEX "payload_locked_documents_rels_print_batches_id_idx";
  ALTER TABLE "orders" DROP COLUMN "payment_mode";
  ALTER TABLE "orders" DROP COLUMN "stripe_session_id";
  ALTER TABLE "orders" DROP COLUMN "payment_attempts";
  ALTER TABLE "orders" DROP COLUMN "last_payment_started_at";
  ALTER TABLE "orders" DROP COLUMN "refunded_pence";
  ALTER TABLE "orders" DROP COLUMN "hold_reason";
  ALTER TABLE "orders" DROP COLUMN "held_from";
  ALTER TABLE "orders" DROP COLUMN "payment_problem";
  ALTER TABLE "orders" DROP COLUMN "print_batch_id";
  ALTER TABLE "delivery_options" DROP COLUMN "tracking_url";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "basket_items_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "order_events_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "payment_events_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "print_batches_id";
  ALTER TABLE "site_settings" DROP COLUMN "seller_name";
  ALTER TABLE "site_settings" DROP COLUMN "seller_vat_number";
  ALTER TABLE "site_settings" DROP COLUMN "seller_address";
  DROP TYPE "public"."enum_orders_payment_mode";
  DROP TYPE "public"."enum_products_qualification_types";
  DROP TYPE "public"."enum_basket_items_reason";
  DROP TYPE "public"."enum_order_events_event";
  DROP TYPE "public"."enum_order_events_party";
  DROP TYPE "public"."enum_print_batches_status";`)
}
