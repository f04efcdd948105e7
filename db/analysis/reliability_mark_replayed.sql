update quarantine set replayed_at = $replayed_at, replay_result = $replay_result
where quarantine_id = $quarantine_id;
