-- Timeliness as something an office would sign: rule clocks as versioned data, event severities,
-- event regions (属地), press events, and the analysis settings the views read.

-- Rule clocks. A rule applies to an event whose clock starts on or after effective_from (and before
-- effective_to, when set); earlier events are scored "would-have-met" / "would-have-missed".
create table if not exists rules (
    rule_id         varchar primary key,
    document        varchar not null,           -- e.g. 国办发〔2016〕80号
    obligation      varchar not null,           -- authoritative_info | press_conference | response
    applies_to      varchar not null,           -- major | other | all (event severity)
    clock_hours     double not null,
    effective_from  timestamptz not null,
    effective_to    timestamptz,
    user_defined    boolean not null default true,
    note            varchar
);

-- 61号 was signed 2016-07-30 but published 2016-08-12; the clocks run from publication, so the
-- Lianyungang protest (2016-08-06) is "would have missed", not a breach (landscape.md section 2).
insert into rules values
    ('80-authoritative-5h', '国办发〔2016〕80号', 'authoritative_info', 'major', 5,
     timestamptz '2016-11-10 00:00:00+08', null, false,
     '特别重大、重大突发事件：最迟5小时内发布权威信息'),
    ('61-press-24h', '国办发〔2016〕61号', 'press_conference', 'major', 24,
     timestamptz '2016-08-12 00:00:00+08', null, false,
     '特别重大、重大突发事件：最迟24小时内举行新闻发布会 (80号 restates it)'),
    ('61-response-48h', '国办发〔2016〕61号', 'response', 'other', 48,
     timestamptz '2016-08-12 00:00:00+08', null, false,
     '其他政务舆情：48小时内予以回应')
on conflict do nothing;

-- Analyst-set severity of an event: major (特别重大、重大突发事件) or other.
create table if not exists event_severity (
    event_id  varchar primary key,
    severity  varchar not null,                 -- major | other
    set_by    varchar,
    set_at    timestamptz not null default current_timestamp,
    note      varchar
);

-- Words in an event's label or document titles that suggest a major emergency.
create table if not exists severity_keywords (
    keyword   varchar primary key,
    severity  varchar not null default 'major'
);

insert into severity_keywords (keyword) values
    ('爆炸'), ('火灾'), ('事故'), ('死亡'), ('遇难'), ('坍塌'), ('倒塌'), ('泄漏'), ('地震'), ('洪水'),
    ('溃坝'), ('塌方'), ('疫情'), ('中毒'), ('踩踏'), ('失踪')
on conflict do nothing;

-- Where an event happened (属地). The match stage fills it; until it does, the views fall back to the
-- regions of the sources that published on the event.
create table if not exists event_regions (
    event_id  varchar not null,
    region    varchar not null,
    primary key (event_id, region)
);

-- Press conferences and briefings, recorded by `tracker press add`.
create table if not exists press_events (
    press_id        varchar primary key,
    source_id       varchar not null,           -- the official source (office) that held it
    held_at         timestamptz not null,
    held_precision  varchar not null default 'minute',
    held_raw        varchar,
    title           varchar not null,
    event_id        varchar,                    -- set to pin the event; otherwise linked by time and title
    created_at      timestamptz not null default current_timestamp
);

-- Numbers and times the analysis views read; change them with an UPDATE.
create table if not exists analysis_settings (
    name          varchar primary key,
    value_number  double,
    value_time    timestamptz,
    note          varchar
);

insert into analysis_settings values
    ('as_of', null, null, 'the "now" of pending clocks and silent events; NULL: the current time'),
    ('silent_min_media', 3, null, 'media documents an event needs to count as silent'),
    ('silent_window_hours', 48, null, 'hours after the first media report a responsible source has to respond'),
    ('health_fail_share', 0.05, null, 'share of failed fetches in a week that fails a site (普查)'),
    ('health_stale_days', 14, null, 'days without a new article after which a site or column is stale (普查)'),
    ('press_window_hours', 48, null, 'hours after a press event in which documents are compared with its title'),
    ('press_min_overlap', 0.5, null, 'share of the press title''s character pairs a document title must hold')
on conflict do nothing;
