"""Write the labelled evaluation corpus bench/corpus/written_events.jsonl (deterministic; see README.md).

    python bench/corpus/make_corpus.py [--out PATH] [--check]

Every text is written for this project: places, outlets, people, firms and figures are invented (the provinces
are real names, the cities and counties are not). Events are planned in `PLAN` (events_plan.py); each planned
happening is told by a list of outlets (outlets.py), each in its own style: wire, rewrite, eyewitness lead, local
paper with relative dates, TV flash, two-line government notice, police statement titled only 警情通报, verbatim
portal repost, press conference write-up, later update (wording.py, from the variants in specs.py; happenings
that are not incidents in special.py). The wording of each document is picked from hand-written variants with a
random generator seeded by the event and outlet, so re-running gives byte-identical output.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from datetime import datetime, timedelta
from pathlib import Path

from events_plan import PLAN
from outlets import CORE, O, Outlet, Plan
from places import Source, source
from special import SPECIAL
from specs import SPECS, Spec
from wording import incident_doc

OUT = Path(__file__).with_name("written_events.jsonl")


# ---------------------------------------------------------------------------------------------------------------
# Writing the file.


def seeded(*parts: str) -> random.Random:
    return random.Random(int(hashlib.sha256("|".join(parts).encode()).hexdigest()[:16], 16))


def applicable(spec: Spec, outlet: Outlet) -> bool:
    if outlet.style == "police":
        return spec.police is not None
    if outlet.style == "update":
        return bool(spec.updates)
    if outlet.style.startswith("presser"):
        return bool(spec.presser_facts)
    if outlet.style == "ema":
        return spec.what != "项目选址"
    return True


def incident_outlets(plan: Plan, spec: Spec) -> list[Outlet]:
    rng = seeded(plan.event_id, "outlets")
    usable = [o for o in plan.outlets if applicable(spec, o)]
    if plan.size and plan.size < len(usable):
        core = [i for i, o in enumerate(usable) if o.style in CORE]
        rest = [i for i, o in enumerate(usable) if o.style not in CORE]
        keep = set(core[: plan.size]) | set(rng.sample(rest, max(0, plan.size - len(core))))
        usable = [o for i, o in enumerate(usable) if i in keep]
    if rng.random() < 0.4:  # the government spoke first: its notice within the first hour
        usable = [O(o.style, o.role, 0.4) if o.style == "notice" and o.role == "county_gov" else o for o in usable]
    if rng.random() < 0.5:  # a press conference two days later, not the next day
        usable = [O(o.style, o.role, o.hours + 24) if o.style.startswith("presser") else o for o in usable]
    return usable


def row(plan: Plan, index: int, src: Source, at: datetime, title: str, body: str) -> dict[str, object]:
    key = f"written:{plan.event_id[:3].lower()}-{index:02d}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:10]
    return {
        "doc_key": key,
        "source_id": src.source_id,
        "source_name": src.name,
        "kind": src.kind,
        "channel": src.channel,
        "region": src.region,
        "url": f"https://{src.source_id}.example.cn/{at:%Y%m}/{digest}.html",
        "title": title,
        "body": body,
        "published_at": at.isoformat(),
        "event_id": plan.event_id,
    }


def jitter(rng: random.Random, hours: float) -> timedelta:
    """A little earlier or later than planned: up to a fifth of the delay in the first hours, minutes after that."""
    spread = min(hours, 6.0) * 60 * rng.uniform(-0.15, 0.2)
    return timedelta(minutes=round(hours * 60 + spread) + rng.randint(0, 9))


def presser_time(plan: Plan, outlet: Outlet, rng: random.Random) -> datetime:
    """Press conferences are held at 15:00 one or two days after the happening; write-ups follow within hours."""
    day = plan.at + timedelta(days=2 if outlet.hours > 48 else 1)
    return day.replace(hour=15, minute=0) + timedelta(minutes=rng.randint(60, 300))


def plan_rows(plan: Plan) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    if plan.kind in SPECS:
        spec = SPECS[plan.kind]
        earlier: dict[str, tuple[str, str, str]] = {}
        times: dict[str, datetime] = {}
        for outlet in incident_outlets(plan, spec):
            rng = seeded(plan.event_id, outlet.style, outlet.role)
            at = plan.at + jitter(rng, outlet.hours)
            if outlet.style.startswith("presser"):
                at = presser_time(plan, outlet, rng)
            copied = outlet.style[5:] if outlet.style.startswith("copy:") else None
            if copied in times:
                at = max(at, times[copied] + timedelta(minutes=25))
            src = source(outlet.role, plan.place)
            made = incident_doc(plan, spec, outlet, src, at, rng, earlier)
            if made is None:
                continue
            title, body = made
            earlier.setdefault(outlet.style, (title, body, src.name))
            times.setdefault(outlet.style, at)
            rows.append(row(plan, len(rows) + 1, src, at, title, body))
        return rows
    rng = seeded(plan.event_id)
    for role, hours, title, body in SPECIAL[plan.kind](plan, rng):
        at = plan.at + (jitter(rng, hours) if hours > 0 else timedelta(hours=hours))
        rows.append(row(plan, len(rows) + 1, source(role, plan.place), at, title, body))
    return rows


def build() -> list[dict[str, object]]:
    rows = [r for plan in PLAN for r in plan_rows(plan)]
    return sorted(rows, key=lambda r: (str(r["published_at"]), str(r["doc_key"])))


def summary(rows: list[dict[str, object]]) -> str:
    events = {str(r["event_id"]) for r in rows}
    multi = [e for e in events if sum(r["event_id"] == e for r in rows) > 1]
    mixed = [e for e in events if {r["kind"] for r in rows if r["event_id"] == e} == {"official", "media"}]
    regions = {str(r["region"]) for r in rows if r["region"]}
    return (
        f"{len(rows)} documents ({sum(r['kind'] == 'official' for r in rows)} official), {len(events)} events "
        f"({len(multi)} with several documents, {len(mixed)} with both official and media), {len(regions)} source regions, "
        f"{min(str(r['published_at']) for r in rows)[:10]} .. {max(str(r['published_at']) for r in rows)[:10]}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="fail if the committed file differs from a fresh build")
    args = parser.parse_args()
    rows = build()
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if args.check:
        if args.out.read_text(encoding="utf-8") != text:
            raise SystemExit(f"{args.out} is stale: re-run bench/corpus/make_corpus.py")
    else:
        args.out.write_text(text, encoding="utf-8")
    print(summary(rows))


if __name__ == "__main__":
    main()
