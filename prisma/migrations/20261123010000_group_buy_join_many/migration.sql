-- Many joins of one group-buy in one call and one transaction: the group-buy's row lock is then held
-- across one commit (one WAL flush) for the whole batch instead of one per join, which is what limits
-- serialised joins. Element i joins exactly as group_buy_join would, in order, with the order numbers
-- p_order_nos[(i - 1) * 50 + 1 .. i * 50].
-- The body is an E'' string whose semicolons are written \073 (the migration runner splits on them).
CREATE OR REPLACE FUNCTION group_buy_join_many(
  p_group_buy INTEGER, p_members INTEGER[], p_rooms INTEGER[], p_modes TEXT[], p_team_nos INTEGER[],
  p_now TIMESTAMPTZ, p_order_nos TEXT[]
) RETURNS TABLE (o_index INTEGER, o_outcome TEXT, o_team_id INTEGER, o_team_number INTEGER, o_seat INTEGER, o_completed BOOLEAN, o_limit INTEGER,
  o_names TEXT[], o_member_ids INTEGER[], o_order_nos TEXT[])
LANGUAGE plpgsql AS E'
BEGIN
  FOR i IN 1 .. coalesce(array_length(p_members, 1), 0) LOOP
    RETURN QUERY SELECT i, j.* FROM group_buy_join(p_group_buy, p_members[i], p_rooms[i], p_modes[i], p_team_nos[i], p_now, p_order_nos[(i - 1) * 50 + 1 : i * 50]) j\073
  END LOOP\073
END
'
