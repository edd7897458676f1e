-- Reserved for a migration being written in parallel this session; replaced before the session ends.
SELECT 1;
