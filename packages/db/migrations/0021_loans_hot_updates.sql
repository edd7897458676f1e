-- Close of business rewrites the projection columns of every running loan each night (ADR 0019). With full
-- pages each new row version goes to another page and gets a new entry in each of the table's indexes; with
-- half of each page kept free, the new version stays on its page and the indexes are not touched (a HOT
-- update: none of the columns close of business writes is indexed — keep it so). A table whose every row is
-- rewritten daily holds two versions of each row between vacuums anyway, so the free half costs little more
-- room. Applies to pages written from now on.
ALTER TABLE loans SET (fillfactor = 50);
