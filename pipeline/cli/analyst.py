"""`tracker press | rules | link | event`: what an analyst records by hand."""

from __future__ import annotations

import argparse

import db
from pipeline.cli.common import (
    UserError,
)


def cmd_press(args: argparse.Namespace) -> int:
    from pipeline.timeliness.press import PressError, list_press_events, record_press_event

    if args.press_command == "add":
        try:
            event = record_press_event(args.db, args.source, args.at, args.title, args.event)
        except PressError as exc:
            raise UserError(str(exc)) from exc
        print(f"{event.press_id}\t{event.source_id}\t{event.held_at.isoformat()}\t{event.held_precision}\t{event.title}")
        return 0
    if not args.db.exists():
        raise UserError(f"{args.db}: no database here yet (run `tracker crawl` or `tracker demo` first)")
    for row in list_press_events(args.db):
        linked = row["event_id"] or "-"
        print(f"{row['press_id']}\t{row['source_id']}\t{row['held_at'].isoformat()}\t{linked}\t{row['title']}")
    return 0


def cmd_rules(args: argparse.Namespace) -> int:
    from pipeline.timeliness.rules import add_rule, list_rules, parse_rule

    if args.rules_command == "add":
        try:
            rule = parse_rule(args.rule_id, args.document, args.obligation, args.applies_to, args.hours, args.start,
                              args.end, args.note)
            with db.writer(args.db) as con:
                add_rule(con, rule)
        except ValueError as exc:
            raise UserError(str(exc)) from exc
        print(f"{rule.rule_id}\t{rule.obligation}\t{rule.applies_to}\t{rule.clock_hours:g} h\tfrom "
              f"{rule.effective_from.isoformat()}")
        return 0
    if not args.db.exists():
        raise UserError(f"{args.db}: no database here yet (run `tracker crawl` or `tracker demo` first)")
    with db.reader(args.db) as con:
        for row in list_rules(con):
            until = row["effective_to"].isoformat() if row["effective_to"] else "-"
            origin = "user" if row["user_defined"] else "built-in"
            print(f"{row['rule_id']}\t{row['document']}\t{row['obligation']}\t{row['applies_to']}\t"
                  f"{row['clock_hours']:g} h\t{row['effective_from'].isoformat()}\t{until}\t{origin}")
    return 0


def cmd_link(args: argparse.Namespace) -> int:
    return _correct(args, "link_" + args.link_command, doc_ids=(args.doc_id,))


def cmd_event(args: argparse.Namespace) -> int:
    if args.event_command == "merge":
        return _correct(args, "merge", event_id=args.event_id, target_event_id=args.into_event_id)
    return _correct(args, "split", event_id=args.event_id, doc_ids=tuple(args.doc_ids))


def _correct(args: argparse.Namespace, action: str, **fields: object) -> int:
    from pipeline.match.corrections import CorrectionError, record

    if not args.db.exists():
        raise UserError(f"{args.db}: no database here yet (run `tracker crawl` or `tracker demo` first)")
    try:
        done = record(args.db, action, note=args.note, analyst=args.analyst, **fields)  # type: ignore[arg-type]
    except CorrectionError as exc:
        raise UserError(str(exc)) from exc
    target = done.target_event_id or ""
    print(f"{done.correction_id}\t{done.action}\t{done.event_id}\t{target}\t{' '.join(done.doc_ids)}")
    return 0
