ALTER TYPE "public"."outbound_state" ADD VALUE 'unconfirmed';--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "whatsapp_lid_key" text;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD COLUMN "delivery" text;--> statement-breakpoint
CREATE INDEX "outbound_platform_message_idx" ON "outbound_messages" USING btree ("platform","platform_message_id");--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_whatsapp_lid_key_unique" UNIQUE("whatsapp_lid_key");