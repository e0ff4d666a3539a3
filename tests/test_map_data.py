"""The course data behind chapter 9's schematic map: every locality can be placed."""

from __future__ import annotations

from vnsmartcity import load

# Vietnam's mainland and islands lie within these bounds (degrees).
LATITUDE, LONGITUDE = (8.0, 23.5), (102.0, 110.0)


def _names_with_a_seat() -> set[str]:
    places = load("places")
    return set(places["province_vi"]) | set(places["seat_vi"])


def test_every_locality_and_every_2025_unit_has_a_seat():
    localities = load("localities")
    wanted = set(localities["name_vi"]) | set(localities["province_after_2025"].dropna())
    missing = sorted(wanted - _names_with_a_seat())
    assert not missing, f"add these to src/vnsmartcity/data/places.csv: {missing}"


def test_seats_lie_in_vietnam_and_cite_geonames():
    places = load("places")
    assert places["lat"].between(*LATITUDE).all(), places.loc[~places["lat"].between(*LATITUDE)]
    assert places["lon"].between(*LONGITUDE).all(), places.loc[~places["lon"].between(*LONGITUDE)]
    assert (places["source"] == "geonames").all()
    # North to south: Hà Nội lies north of Đà Nẵng, which lies north of Hồ Chí Minh City.
    lat = places.set_index("province_vi")["lat"]
    assert lat["Hà Nội"] > lat["Đà Nẵng"] > lat["Thành phố Hồ Chí Minh"]
