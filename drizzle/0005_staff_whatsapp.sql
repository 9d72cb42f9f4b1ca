ALTER TABLE "staff" ADD COLUMN "whatsapp_user_key" text;--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_whatsapp_user_key_unique" UNIQUE("whatsapp_user_key");