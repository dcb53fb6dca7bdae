"""Schema version 1, as it was first shipped: written out, so it never changes with
the models (store/models.py describes the schema as it is now, after every migration).
"""

from __future__ import annotations

V1_STATEMENTS = (
    'CREATE TABLE "supporter" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL, '
    '"kind" TEXT NOT NULL, "role" TEXT NOT NULL, "ring" TEXT NOT NULL, '
    '"tie" TEXT NOT NULL, "stressful" INTEGER NOT NULL, "direction" TEXT NOT NULL, '
    '"timezone" TEXT NOT NULL, "meeting_schedule" TEXT NOT NULL, '
    '"meeting_place" TEXT NOT NULL, "boundaries_mine" TEXT NOT NULL, '
    '"boundaries_theirs" TEXT NOT NULL, "help_warning_signs" TEXT NOT NULL, '
    '"help_what_helps" TEXT NOT NULL, "help_what_does_not" TEXT NOT NULL, '
    '"help_in_a_crisis" TEXT NOT NULL, "notes" TEXT NOT NULL, "cadence_days" REAL, '
    '"paused" INTEGER NOT NULL, "snoozed_until" DATETIME, "created" DATETIME NOT NULL, '
    '"last_contact" DATETIME)',
    'CREATE INDEX "supporter_kind" ON "supporter" ("kind")',
    'CREATE INDEX "supporter_ring" ON "supporter" ("ring")',
    'CREATE INDEX "supporter_last_contact" ON "supporter" ("last_contact")',
    'CREATE TABLE "availability_window" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"supporter_id" INTEGER NOT NULL, "days" INTEGER NOT NULL, '
    '"start_minute" INTEGER NOT NULL, "end_minute" INTEGER NOT NULL, '
    'FOREIGN KEY ("supporter_id") REFERENCES "supporter" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "availability_window_supporter_id" ON "availability_window" ("supporter_id")',
    'CREATE TABLE "check_in" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"supporter_id" INTEGER NOT NULL, "at" DATETIME NOT NULL, "mode" TEXT NOT NULL, '
    '"initiator" TEXT NOT NULL, "mood_before" INTEGER, "mood_after" INTEGER, '
    '"support_given" TEXT NOT NULL, "support_received" TEXT NOT NULL, '
    '"note" TEXT NOT NULL, '
    'FOREIGN KEY ("supporter_id") REFERENCES "supporter" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "check_in_supporter_id" ON "check_in" ("supporter_id")',
    'CREATE INDEX "check_in_at" ON "check_in" ("at")',
    'CREATE INDEX "check_in_supporter_id_at" ON "check_in" ("supporter_id", "at")',
    'CREATE TABLE "contact_method" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"supporter_id" INTEGER NOT NULL, "type" TEXT NOT NULL, "value" TEXT NOT NULL, '
    '"label" TEXT NOT NULL, "preferred" INTEGER NOT NULL, "position" INTEGER NOT NULL, '
    'FOREIGN KEY ("supporter_id") REFERENCES "supporter" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "contact_method_supporter_id" ON "contact_method" ("supporter_id")',
    'CREATE TABLE "crisis_line" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"country" TEXT NOT NULL, "name" TEXT NOT NULL, "contact" TEXT NOT NULL, '
    '"channel" TEXT NOT NULL, "hours" TEXT NOT NULL, "source" TEXT NOT NULL, '
    '"verified" DATE, "user_added" INTEGER NOT NULL, "notes" TEXT NOT NULL)',
    'CREATE INDEX "crisis_line_country" ON "crisis_line" ("country")',
    'CREATE TABLE "gratitude" ("id" INTEGER NOT NULL PRIMARY KEY, "supporter_id" INTEGER, '
    '"on" DATE NOT NULL, "text" TEXT NOT NULL, "thanked" INTEGER NOT NULL, '
    'FOREIGN KEY ("supporter_id") REFERENCES "supporter" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "gratitude_supporter_id" ON "gratitude" ("supporter_id")',
    'CREATE INDEX "gratitude_on" ON "gratitude" ("on")',
    'CREATE TABLE "notification_log" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"at" DATETIME NOT NULL, "channel" TEXT NOT NULL, "ok" INTEGER NOT NULL, '
    '"count" INTEGER NOT NULL, "detail" TEXT NOT NULL)',
    'CREATE INDEX "notification_log_at" ON "notification_log" ("at")',
    'CREATE TABLE "plan_item" ("id" INTEGER NOT NULL PRIMARY KEY, "step" TEXT NOT NULL, '
    '"text" TEXT NOT NULL, "supporter_id" INTEGER, "position" INTEGER NOT NULL, '
    'FOREIGN KEY ("supporter_id") REFERENCES "supporter" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "plan_item_step" ON "plan_item" ("step")',
    'CREATE INDEX "plan_item_supporter_id" ON "plan_item" ("supporter_id")',
    'CREATE TABLE "setting" ("key" TEXT NOT NULL PRIMARY KEY, "value" TEXT NOT NULL)',
)
