-- The latest $max_polls polls of every source, newest first.
select source_id, polled_at, entry_ok, entry_failed, blocked, fetch_failed, articles, error
from source_polls
qualify row_number() over (partition by source_id order by polled_at desc) <= $max_polls
order by source_id, polled_at desc;
