"""How an outlet writes an incident: its day and time words, the variants it picks, the document it makes."""

from __future__ import annotations

import random
from datetime import datetime

from outlets import Outlet, Plan
from places import CITIES, Source
from specs import RESPONSE, SURNAMES, Spec, person


def day_word(doc_at: datetime, ev_at: datetime, style: str, rng: random.Random) -> str:
    """How an outlet names the day of the happening: 6月4日, 4日, 今天, 昨天."""
    gap = (doc_at.date() - ev_at.date()).days
    full = f"{ev_at.month}月{ev_at.day}日"
    if style == "wire":
        return f"{ev_at.day}日"
    if style == "local" and gap == 1:
        return rng.choice(("昨天", "昨日", full))
    if style in {"flash", "eyewitness"} and gap == 0:
        return rng.choice(("今天", full))
    return full


def time_word(ev_at: datetime, rng: random.Random) -> str:
    h, mi = ev_at.hour, ev_at.minute
    ap = "凌晨" if h < 6 else "上午" if h < 12 else "中午" if h < 13 else "下午" if h < 18 else "晚上"
    h12 = h if h <= 12 else h - 12
    if mi == 0:
        return rng.choice((f"{h}时许", f"{ap}{h12}时左右", f"{ap}{h12}点"))
    return rng.choice((f"{h}时{mi}分许", f"{h}时许", f"{ap}{h12}时{mi}分左右", f"{ap}{h12}点多"))


def fill(template: str, slots: dict[str, str]) -> str:
    return template.format_map(slots).replace("许许", "许").replace("多许", "多")


def choose(rng: random.Random, templates: tuple[str, ...], slots: dict[str, str]) -> str:
    """A random template; none that states a death toll when nobody died."""
    usable = [x for x in templates if slots.get("dead") != "0" or "{dead}" not in x] or list(templates)
    return rng.choice(usable)


def sample(rng: random.Random, items: tuple[str, ...], lo: int, hi: int) -> list[str]:
    """An ordered subset of lo..hi items (order kept: facts read in their natural order)."""
    k = min(len(items), rng.randint(lo, hi))
    picked = sorted(rng.sample(range(len(items)), k))
    return [items[i] for i in picked]


def facts_of(spec: Spec, slots: dict[str, str]) -> tuple[str, ...]:
    return tuple(x for x in spec.facts if slots.get("dead") != "0" or "{dead}" not in x and "{serious}" not in x)


def incident_doc(
    plan: Plan, spec: Spec, outlet: Outlet, src: Source, at: datetime, rng: random.Random, earlier: dict[str, tuple[str, str, str]]
) -> tuple[str, str] | None:
    style = outlet.style
    s: dict[str, str] = {"where": "", **plan.place.slots(), **plan.slots}
    s |= {
        "m": str(plan.at.month),
        "d": str(plan.at.day),
        "tag": f"{plan.at.month}·{plan.at.day}",
        "what": spec.what,
        "DAY": day_word(at, plan.at, style, rng),
        "TIME": time_word(plan.at, rng),
        "wname": person(rng),
        "wsur": rng.choice(SURNAMES),
        "rep": person(rng),
        "vm": f"{s['C']}副市长{person(rng)}",
    }
    if style in {"flash", "police", "notice"} and "dead0" in plan.slots:
        s["dead"], s["hurt"] = plan.slots["dead0"], plan.slots["hurt0"]
    if style.startswith("copy:"):
        copied = earlier.get(style[5:])
        if copied is None:
            return None
        title, body, name = copied
        tail = rng.choice(("", f"（来源：{name}）", f"\n来源：{name}"))
        return title, body + tail
    if style == "police":
        return None if spec.police is None else ("警情通报", fill(spec.police, s))
    if style == "notice":
        return fill(choose(rng, spec.notice_titles, s), s), fill(choose(rng, spec.notices, s), s)
    leads = [x for x in spec.leads if s.get("dead") != "0" or "{dead}" not in x]
    rng.shuffle(leads)
    if style == "flash":
        return fill(choose(rng, spec.flash_titles, s), s), fill(leads[0], s)
    if style == "wire":
        body = [f"华夏通讯社{s['Cs']}{s['m']}月{at.day}日电（记者 {s['rep']}）" + fill(leads[0], s)]
        body += sample(rng, facts_of(spec, s), 3, 5) + sample(rng, RESPONSE, 1, 2)
        return fill(choose(rng, spec.titles, s), s), fill("".join(body), s)
    if style == "rewrite":
        body = [fill(leads[0], s)] + sample(rng, facts_of(spec, s), 2, 3) + sample(rng, RESPONSE, 0, 1)
        return fill(choose(rng, spec.titles, s), s), fill("".join(body), s)
    if style == "eyewitness":
        witness = sample(rng, spec.witness, 1, 2)
        body = witness[:1] + [leads[0]] + sample(rng, facts_of(spec, s), 2, 4) + witness[1:]
        return fill(choose(rng, spec.titles, s), s), fill("".join(body), s)
    if style == "local":
        head = f"本报讯（记者 {s['rep']} 通讯员 {person(rng)}）"
        body = fill(head + leads[0] + "".join(sample(rng, facts_of(spec, s), 2, 4) + sample(rng, RESPONSE, 1, 2)), s)
        if src.region and len(src.region) > len(s["P"]):  # the city's own paper writes 我市
            body = body.replace(s["C"] + s["X"], "我市" + s["X"]).replace(s["C"], "市")
        titles = spec.local_titles if src.source_id.startswith(tuple(CITIES)) else spec.titles
        return fill(choose(rng, titles, s), s), body
    if style == "ema":
        title = fill("{C}应急管理局派出工作组赴{X}指导{what}处置工作", s)
        body = fill("{DAY}{TIME}，{X}{where}" + spec.phrase + "。接报后，{C}应急管理局主要负责同志带领工作组第一时间赶赴现场，"
                    "指导做好救援处置和善后工作。", s) + fill(rng.choice(spec.facts), s)
        return title, body
    if style in {"presser_off", "presser_media"}:
        s["PDAY"] = f"{at.month}月{at.day}日"  # held on the day it is written up (see presser_time)
        s["EDAY"] = f"{plan.at.month}月{plan.at.day}日"
        facts = list(spec.presser_facts) + sample(rng, facts_of(spec, s), 1, 2)
        if style == "presser_off":
            title = fill("{C}召开“{tag}”{what}有关情况新闻发布会", s)
            body = "{PDAY}下午，{C}人民政府新闻办公室召开新闻发布会，通报{EDAY}{X}{where}" + spec.phrase + "有关情况。"
            return title, fill(body + "".join(facts) + rng.choice(RESPONSE), s)
        titles = spec.presser_titles or spec.titles
        body = rng.choice((
            "在{PDAY}下午举行的新闻发布会上，{vm}通报了{X}{where}{what}的处置进展。",
            "记者{PDAY}从{C}召开的新闻发布会上获悉，{EDAY}{X}{where}" + spec.phrase + "后，当地已全面开展处置。",
        ))
        return fill(choose(rng, titles, s), s), fill(body + "".join(facts), s)
    if style == "update":
        if not spec.updates:
            return None
        s["DAY"] = f"{plan.at.month}月{plan.at.day}日"
        title, body = rng.choice(spec.updates)
        return fill(title, s), fill(body, s)
    raise ValueError(style)
