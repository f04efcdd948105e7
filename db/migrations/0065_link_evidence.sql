-- The features that weighed most in a link decision, each as 'name +w·x' (its part of the logit), strongest first.
alter table event_documents add column if not exists deciding_features varchar[];
