-- Poll voters' 参与投票 tags written before the `event` source existed were `rule` rows, which the
-- nightly rule-tag run removes: move them to `event` so they last.
UPDATE "member_tags" AS mt
   SET "source" = 'event'
  FROM "tags" AS t
 WHERE mt."tag_id" = t."id"
   AND t."category" = 'interaction'
   AND t."name" = '参与投票'
   AND mt."source" = 'rule';
