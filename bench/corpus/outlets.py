"""Who tells a planned happening, in which style, how many hours after it: the plan's building blocks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from places import Place

# ---------------------------------------------------------------------------------------------------------------
# Plans.


@dataclass(frozen=True)
class Outlet:
    style: str  # wire | rewrite | eyewitness | local | flash | notice | police | ema | presser_off | presser_media
    #             | update | copy:<style of the copied document>
    role: str  # a NATIONAL id or a ROLES key
    hours: float  # after the happening


@dataclass(frozen=True)
class Plan:
    event_id: str
    kind: str  # a SPECS key (incident) or a key of SPECIAL
    place: Place
    at: datetime
    outlets: tuple[Outlet, ...] = ()
    slots: dict[str, str] = field(default_factory=dict)
    size: int = 0  # incidents: how many of the standard outlets tell it (0: all that apply)


def O(style: str, role: str, hours: float) -> Outlet:  # a short constructor for the tables
    return Outlet(style, role, hours)


# The standard outlets of an incident, in the order they usually publish.
STANDARD: tuple[Outlet, ...] = (
    O("flash", "county_media", 0.6),
    O("police", "city_police", 1.4),
    O("flash", "city_tv", 1.8),
    O("notice", "county_gov", 2.5),
    O("flash", "gsxw", 2.7),
    O("wire", "hxs", 3.0),
    O("copy:wire", "hxw", 3.3),
    O("rewrite", "szw", 3.7),
    O("notice", "city_fb", 4.2),
    O("eyewitness", "qlxw", 5.5),
    O("ema", "city_ema", 7.0),
    O("eyewitness", "city_evening", 9.5),
    O("local", "city_daily", 19.0),
    O("local", "prov_daily", 20.5),
    O("rewrite", "jjwb", 21.0),
    O("rewrite", "county_media", 22.0),
    O("update", "szw", 25.0),
    O("presser_off", "city_gov", 27.0),
    O("presser_media", "city_daily", 28.0),
    O("presser_media", "hxs", 28.5),
    O("copy:wire", "prov_gov", 30.0),
    O("presser_media", "qlxw", 31.0),
    O("copy:local", "city_gov", 46.0),
    O("copy:notice", "city_gov", 5.0),
    O("copy:wire", "county_media", 6.0),
    O("rewrite", "gsxw", 12.0),
    O("eyewitness", "hxw", 15.0),
    O("copy:presser_off", "prov_gov", 33.0),
    O("copy:eyewitness", "szw", 11.0),
)
CORE = {"wire", "notice", "local", "flash"}
