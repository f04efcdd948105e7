select source_id, url, outcome from item_outcomes where run_id = $run_id;
